/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

/**
 * Cluster (or one broker's) rates per second at one instant; a null rate is unknown (a counter was
 * missing), and a sum with an unknown part is unknown. Immutable.
 */
public record RatePoint(
    long atMs,
    Double produceBytesPerSec,
    Double fetchBytesPerSec,
    Double produceRecordsPerSec,
    Double s3PutPerSec,
    Double s3GetPerSec,
    Double s3ListPerSec) {

  public RatePoint plus(RatePoint other) {
    return new RatePoint(
        Math.max(atMs, other.atMs),
        add(produceBytesPerSec, other.produceBytesPerSec),
        add(fetchBytesPerSec, other.fetchBytesPerSec),
        add(produceRecordsPerSec, other.produceRecordsPerSec),
        add(s3PutPerSec, other.s3PutPerSec),
        add(s3GetPerSec, other.s3GetPerSec),
        add(s3ListPerSec, other.s3ListPerSec));
  }

  private static Double add(Double a, Double b) {
    return a == null || b == null ? null : a + b;
  }
}
