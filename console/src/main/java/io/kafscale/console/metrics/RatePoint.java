/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

/** Cluster (or one broker's) rates per second at one instant. Immutable. */
public record RatePoint(
    long atMs,
    double produceBytesPerSec,
    double fetchBytesPerSec,
    double produceRecordsPerSec,
    double s3PutPerSec,
    double s3GetPerSec) {

  public RatePoint plus(RatePoint other) {
    return new RatePoint(
        Math.max(atMs, other.atMs),
        produceBytesPerSec + other.produceBytesPerSec,
        fetchBytesPerSec + other.fetchBytesPerSec,
        produceRecordsPerSec + other.produceRecordsPerSec,
        s3PutPerSec + other.s3PutPerSec,
        s3GetPerSec + other.s3GetPerSec);
  }
}
