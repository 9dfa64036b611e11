/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.math.BigDecimal;

/**
 * Estimated S3 request cost: requests per second times 3,600, priced per 1,000 requests. S3 bills
 * LIST requests at the PUT price (both are "PUT, COPY, POST, LIST" in the S3 price list). Storage
 * and transfer are not included. Stateless.
 */
public final class CostEstimate {
  private CostEstimate() {}

  /** The cost per hour, or null when any of the rates is unknown. */
  public static Double perHourUsd(
      Double putsPerSec,
      Double getsPerSec,
      Double listsPerSec,
      BigDecimal putPer1000,
      BigDecimal getPer1000) {
    if (putsPerSec == null || getsPerSec == null || listsPerSec == null) {
      return null;
    }
    return (putsPerSec + listsPerSec) * 3.6 * putPer1000.doubleValue()
        + getsPerSec * 3.6 * getPer1000.doubleValue();
  }
}
