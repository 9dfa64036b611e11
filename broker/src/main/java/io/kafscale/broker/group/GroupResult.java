/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.List;
import java.util.Objects;

/**
 * What applying one {@link GroupEvent} produced. The shell, in order: persists {@code group} when
 * {@code persist} is set (and only then answers {@code responses}, so an acknowledged assignment is
 * durable), completes each response's request, and performs the timer operations.
 *
 * @param persist whether the group's durable record changed: a generation ended in Empty, the
 *     leader's assignment made it Stable, a static member was replaced in place, or it died. Never
 *     for heartbeats or joins in progress.
 */
public record GroupResult(
    Group group, List<GroupResponse> responses, List<TimerOp> timers, boolean persist) {
  public GroupResult {
    Objects.requireNonNull(group, "group");
    responses = List.copyOf(responses);
    timers = List.copyOf(timers);
  }
}
