/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Objects;

/**
 * Names one timer of one group. At most one timer per key is armed: scheduling a key again replaces
 * its deadline. {@code memberId} is empty except for {@link Kind#SESSION}.
 */
public record TimerKey(Kind kind, String memberId) {
  /** What a timer guards. */
  public enum Kind {
    /** The join phase (rebalance timeout) or the sync phase (members that never sent SyncGroup). */
    REBALANCE,
    /** The initial rebalance delay of a group leaving Empty. */
    INITIAL_DELAY,
    /** One member's (or pending member's) session. */
    SESSION
  }

  public static final TimerKey REBALANCE = new TimerKey(Kind.REBALANCE, "");
  public static final TimerKey INITIAL_DELAY = new TimerKey(Kind.INITIAL_DELAY, "");

  public TimerKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(memberId, "memberId");
  }

  public static TimerKey session(String memberId) {
    return new TimerKey(Kind.SESSION, memberId);
  }
}
