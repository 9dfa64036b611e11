/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.math.BigDecimal;

/**
 * Estimated S3 request cost: requests per second times 3,600, priced per 1,000 requests. Storage
 * and transfer are not included. Stateless.
 */
public final class CostEstimate {
  private CostEstimate() {}

  public static double perHourUsd(
      double putsPerSec, double getsPerSec, BigDecimal putPer1000, BigDecimal getPer1000) {
    return putsPerSec * 3.6 * putPer1000.doubleValue()
        + getsPerSec * 3.6 * getPer1000.doubleValue();
  }
}
