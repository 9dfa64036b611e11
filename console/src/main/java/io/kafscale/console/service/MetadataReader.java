/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.SegmentRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only port to the metadata store for what the Kafka protocol cannot tell: broker
 * registrations (admin ports), live partition owners, partition state and segment lists. Never
 * writes. Failures and timeouts throw {@link ApiException} 503. Implementations are thread-safe.
 */
public interface MetadataReader {

  /** Whether a store is configured at all. */
  boolean configured();

  /** Reads one key to prove the store answers; returns the latency in ms. */
  long ping();

  List<BrokerRecord> brokers();

  /** Live owners of the topic's partitions, by partition. */
  Map<Integer, OwnerRecord> owners(String topic);

  /** Live owners of every partition: owner broker id → owned partition count. */
  Map<Integer, Integer> ownedPartitionCounts();

  Optional<PartitionStateRecord> state(String topic, int partition);

  /** Committed segments of a partition in offset order. */
  List<SegmentRecord> segments(String topic, int partition);

  /** Whether a topic of this name is stored. */
  boolean topicExists(String topic);

  /**
   * Committed segment bytes per partition of {@code topic} from one range read (partitions with no
   * segment are absent), so a topic list costs one read per topic, not one per partition.
   */
  Map<Integer, Long> segmentBytes(String topic);

  /** The reader when no metadata store is configured: every read is a 503 that says so. */
  MetadataReader NONE =
      new MetadataReader() {
        @Override
        public boolean configured() {
          return false;
        }

        @Override
        public long ping() {
          throw missing();
        }

        @Override
        public List<BrokerRecord> brokers() {
          throw missing();
        }

        @Override
        public Map<Integer, OwnerRecord> owners(String topic) {
          throw missing();
        }

        @Override
        public Map<Integer, Integer> ownedPartitionCounts() {
          throw missing();
        }

        @Override
        public Optional<PartitionStateRecord> state(String topic, int partition) {
          throw missing();
        }

        @Override
        public List<SegmentRecord> segments(String topic, int partition) {
          throw missing();
        }

        @Override
        public boolean topicExists(String topic) {
          throw missing();
        }

        @Override
        public Map<Integer, Long> segmentBytes(String topic) {
          throw missing();
        }

        private ApiException missing() {
          return ApiException.unavailable(
              "no metadata store configured (set KAFSCALE_ETCD_ENDPOINTS)");
        }
      };
}
