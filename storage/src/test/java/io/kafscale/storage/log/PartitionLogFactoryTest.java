/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The production wiring: real storage threads and the system clock. */
class PartitionLogFactoryTest {

  @Test
  void shouldCommitAppendsOnItsOwnThreadsWhenTheAgeDeadlinePasses() {
    // Given
    StorageConfig config = new StorageConfig("ns", 1 << 20, Duration.ofMillis(20), 1 << 20, 4096);
    InMemorySegmentCommitter committer = new InMemorySegmentCommitter();
    try (PartitionLogFactory factory =
        new PartitionLogFactory(
            new InMemoryObjectStore(),
            committer,
            config,
            Clock.systemUTC(),
            new SimpleMeterRegistry())) {
      PartitionLog log =
          factory.open(
              PartitionLogTestContext.PARTITION,
              1,
              LogConfig.defaults(),
              RecoveredPartition.empty());
      // When
      CompletableFuture<AppendResult> a = log.append(LogTestBatches.plain(2, 10));
      CompletableFuture<AppendResult> b = log.append(LogTestBatches.plain(1, 10));
      // Then
      await().atMost(Duration.ofSeconds(5)).until(() -> a.isDone() && b.isDone());
      assertThat(a.join()).isEqualTo(new AppendResult(0, 1, -1, 0));
      assertThat(b.join()).isEqualTo(new AppendResult(2, 2, -1, 0));
      assertThat(LogTestBatches.offsets(log.read(0, 1 << 20, true).join().batches()))
          .containsExactly(0L, 1L, 2L);
      log.close();
    }
  }
}
