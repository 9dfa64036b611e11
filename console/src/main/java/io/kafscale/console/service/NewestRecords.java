/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps only the newest {@code limit} records seen across partitions (newest: later timestamp, then
 * higher offset, then higher partition), so a browse over many partitions holds at most {@code
 * limit + 1} records however many it reads. A min-heap: the oldest kept record is dropped first.
 * Not thread-safe (one per browse request).
 */
final class NewestRecords {
  static final Comparator<ConsumerRecord<byte[], byte[]>> OLDEST_FIRST =
      Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
          .thenComparingLong(ConsumerRecord::offset)
          .thenComparingInt(ConsumerRecord::partition);

  private final int limit;
  private final PriorityQueue<ConsumerRecord<byte[], byte[]>> heap;

  NewestRecords(int limit) {
    this.limit = limit;
    this.heap = new PriorityQueue<>(limit + 1, OLDEST_FIRST);
  }

  void add(ConsumerRecord<byte[], byte[]> record) {
    heap.add(record);
    if (heap.size() > limit) {
      heap.poll();
    }
  }

  int size() {
    return heap.size();
  }

  /** The kept records, newest first. */
  List<ConsumerRecord<byte[], byte[]>> newestFirst() {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(heap);
    out.sort(OLDEST_FIRST.reversed());
    return out;
  }
}
