/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.health;

/**
 * The outcome of one health probe of an external store: whether it answered, how long it took
 * ({@code -1} when unknown: before the first probe), why it failed ({@code null} when ok) and when
 * it was checked (epoch ms, {@code -1} before the first probe). Immutable.
 */
public record ProbeResult(boolean ok, long latencyMs, String message, long checkedAtMs) {

  /** What is known before the first probe completes: not healthy. */
  public static final ProbeResult NOT_PROBED = new ProbeResult(false, -1, "not probed yet", -1);

  public static ProbeResult success(long latencyMs, long checkedAtMs) {
    return new ProbeResult(true, latencyMs, null, checkedAtMs);
  }

  public static ProbeResult failure(long latencyMs, String message, long checkedAtMs) {
    return new ProbeResult(false, latencyMs, message, checkedAtMs);
  }
}
