/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.metadata.cluster.ClusterImage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The cluster meters of {@link BrokerMeters} (ownership, lease, controller). Thread-safe. */
final class ClusterMetrics {
  private final MeterRegistry registry;
  private final Counter leaseLost;

  ClusterMetrics(
      MeterRegistry registry,
      IntSupplier ownedPartitions,
      Supplier<ClusterImage> images,
      IntSupplier selfId) {
    this.registry = registry;
    Gauge.builder(BrokerMeters.PARTITIONS_OWNED.meterName(), ownedPartitions::getAsInt)
        .description(BrokerMeters.PARTITIONS_OWNED.description())
        .register(registry);
    Gauge.builder(
            BrokerMeters.CONTROLLER_ACTIVE.meterName(),
            () ->
                images.get().controller().filter(c -> c.brokerId() == selfId.getAsInt()).isPresent()
                    ? 1
                    : 0)
        .description(BrokerMeters.CONTROLLER_ACTIVE.description())
        .register(registry);
    Gauge.builder(BrokerMeters.CLUSTER_BROKERS.meterName(), () -> images.get().brokers().size())
        .description(BrokerMeters.CLUSTER_BROKERS.description())
        .register(registry);
    leaseLost =
        Counter.builder(BrokerMeters.LEASE_LOST.meterName())
            .description(BrokerMeters.LEASE_LOST.description())
            .register(registry);
  }

  void leaseLost() {
    leaseLost.increment();
  }

  /** Counts a completed ownership action ({@code claim}, {@code release}, {@code drop}). */
  void ownershipChanged(String action) {
    Counter.builder(BrokerMeters.OWNERSHIP_CHANGES.meterName())
        .description(BrokerMeters.OWNERSHIP_CHANGES.description())
        .tag("action", action)
        .register(registry)
        .increment();
  }
}
