/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * A timer operation the shell performs after applying a {@link GroupResult}. When the timer fires,
 * the shell applies {@link GroupEvent#forTimer}; a timer that fires late or after being replaced is
 * harmless, because the state machine checks the deadline held in the group.
 */
public sealed interface TimerOp {
  TimerKey key();

  /** Arm (or re-arm) {@code key} to fire at {@code deadlineMs}. */
  record Schedule(TimerKey key, long deadlineMs) implements TimerOp {}

  /** Disarm {@code key}. */
  record Cancel(TimerKey key) implements TimerOp {}
}
