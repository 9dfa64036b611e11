/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TopicObjectDeleterTest {
  private final InMemoryObjectStore objects = new InMemoryObjectStore();

  private List<SegmentRecord> segments(int count) throws Exception {
    List<SegmentRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "ns/t/0/seg-" + i;
      objects.put(key, ByteBuffer.wrap(new byte[1])).get(5, TimeUnit.SECONDS);
      objects.put(key + ".index", ByteBuffer.wrap(new byte[1])).get(5, TimeUnit.SECONDS);
      out.add(SegmentRecord.flushed(key, key + ".index", 0, 1, i, i, 0, 1, 0, 0));
    }
    return out;
  }

  @Test
  void shouldDeleteEveryObjectInBoundedBatches() throws Exception {
    // Given more objects than one batch
    List<SegmentRecord> segments = segments(300);

    // When
    int deleted =
        TopicObjectDeleter.deleteInBackground(objects, "t", segments).get(10, TimeUnit.SECONDS);

    // Then
    assertThat(deleted).isEqualTo(600);
    assertThat(objects.size()).isZero();
    assertThat(objects.count(Operation.DELETE_ALL)).isEqualTo(2);
  }

  @Test
  void shouldGoOnAfterAFailedBatchAndNeverFail() throws Exception {
    // Given
    List<SegmentRecord> segments = segments(300);
    objects.failNext(Operation.DELETE_ALL, 1, () -> new ObjectStoreException("throttled"));

    // When
    int deleted =
        TopicObjectDeleter.deleteInBackground(objects, "t", segments).get(10, TimeUnit.SECONDS);

    // Then the first batch is left to garbage collection, the second is deleted
    assertThat(deleted).isEqualTo(100);
    assertThat(objects.size()).isEqualTo(TopicObjectDeleter.BATCH);
  }
}
