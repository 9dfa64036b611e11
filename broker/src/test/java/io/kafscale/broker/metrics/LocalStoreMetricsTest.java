/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.file.PackedFileObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreMetricsTest {

  @TempDir Path dir;

  @Test
  void shouldReportPacksLiveBytesAndRemovedPacksOfTheStore() {
    // Given: a store with 1 KiB packs, ten objects of 600 bytes, then eight of them deleted
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PackedFileObjectStore store = new PackedFileObjectStore(dir, false, 1024, null)) {
      LocalStoreMetrics.register(store, registry);
      List<String> keys = IntStream.range(0, 10).mapToObj(i -> "t/0/" + i).toList();
      keys.forEach(k -> store.create(k, ByteBuffer.allocate(600)).join());
      double packsWritten = registry.get("kafscale.localstore.packs").gauge().value();
      // When
      store.deleteAll(keys.subList(0, 8)).join();
      // Then
      PackedFileObjectStore.Stats stats = store.stats();
      assertThat(packsWritten).isEqualTo(10);
      // Each live object's record: 600 bytes of data, a 5-byte key, a 20-byte header.
      assertThat(registry.get("kafscale.localstore.live.bytes").gauge().value()).isEqualTo(2 * 625);
      assertThat(registry.get("kafscale.localstore.packs").gauge().value())
          .isEqualTo(stats.packs());
      assertThat(registry.get("kafscale.localstore.pack.bytes").gauge().value())
          .isEqualTo(stats.packBytes())
          .isPositive();
      assertThat(registry.get("kafscale.localstore.packs.removed").functionCounter().count())
          .isEqualTo(stats.packsRemoved())
          .isPositive();
      assertThat(registry.get("kafscale.localstore.packs.merged").functionCounter().count())
          .isEqualTo(stats.packsMerged());
    }
  }

  @Test
  void shouldCountForcesOfAStoreThatSyncs() {
    // Given: a store that forces each write
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PackedFileObjectStore store = new PackedFileObjectStore(dir, true)) {
      LocalStoreMetrics.register(store, registry);
      // When: three writes, one after the other
      for (int i = 0; i < 3; i++) {
        store.create("t/0/" + i, ByteBuffer.allocate(100)).join();
      }
      // Then: one force each (none of them had a force to share)
      assertThat(registry.get("kafscale.localstore.forces").functionCounter().count())
          .isEqualTo(store.stats().forces())
          .isEqualTo(3);
    }
  }
}
