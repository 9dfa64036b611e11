/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.kafscale.storage.objectstore.file.PackedFileObjectStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The local-directory object store's meters ({@code kafscale.localstore.*}), read from its {@link
 * PackedFileObjectStore#stats()} at each scrape.
 */
public final class LocalStoreMetrics {

  private LocalStoreMetrics() {}

  public static void register(PackedFileObjectStore store, MeterRegistry registry) {
    gauge(BrokerMeters.LOCALSTORE_PACKS, store, s -> s.stats().packs(), registry);
    gauge(BrokerMeters.LOCALSTORE_PACK_BYTES, store, s -> s.stats().packBytes(), registry);
    gauge(BrokerMeters.LOCALSTORE_LIVE_BYTES, store, s -> s.stats().liveBytes(), registry);
    counter(BrokerMeters.LOCALSTORE_PACKS_MERGED, store, s -> s.stats().packsMerged(), registry);
    counter(BrokerMeters.LOCALSTORE_PACKS_REMOVED, store, s -> s.stats().packsRemoved(), registry);
    counter(BrokerMeters.LOCALSTORE_FORCES, store, s -> s.stats().forces(), registry);
  }

  private static void gauge(
      BrokerMeters meter,
      PackedFileObjectStore store,
      ToDoubleFunction<PackedFileObjectStore> value,
      MeterRegistry registry) {
    Gauge.builder(meter.meterName(), store, value)
        .description(meter.description())
        .register(registry);
  }

  private static void counter(
      BrokerMeters meter,
      PackedFileObjectStore store,
      ToDoubleFunction<PackedFileObjectStore> value,
      MeterRegistry registry) {
    FunctionCounter.builder(meter.meterName(), store, value)
        .description(meter.description())
        .register(registry);
  }
}
