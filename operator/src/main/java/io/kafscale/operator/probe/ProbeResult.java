/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

/** Outcome of a reachability check: ok, or a human-readable reason why not. */
public record ProbeResult(boolean ok, String detail) {
  public static ProbeResult reachable(String detail) {
    return new ProbeResult(true, detail);
  }

  public static ProbeResult unreachable(String detail) {
    return new ProbeResult(false, detail);
  }
}
