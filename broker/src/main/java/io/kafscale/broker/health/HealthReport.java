/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.health;

/** The last probe of each store the broker depends on. Immutable. */
public record HealthReport(ProbeResult objectStore, ProbeResult metadataStore) {

  public static final HealthReport NOT_PROBED =
      new HealthReport(ProbeResult.NOT_PROBED, ProbeResult.NOT_PROBED);

  /** Whether both stores answered their last probe. */
  public boolean healthy() {
    return objectStore.ok() && metadataStore.ok();
  }
}
