/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Partition ownership and committed log state in the metadata store. A partition is owned while its
 * owner key (attached to the owner's lease) exists; its state key records the leader epoch, which
 * only grows. Thread-safe.
 */
public interface PartitionRegistry {

  /**
   * Makes {@code session}'s broker the owner of the partition: in one transaction, raises the
   * stored leader epoch by one, records the broker as owner in the state, and writes the owner key
   * under the session's lease. Allowed when the owner key is absent or held by the same broker id
   * (an earlier incarnation of this broker, or this one re-claiming after a fenced commit). Returns
   * the partition's state (high watermark, log start, segments, producers) under the new epoch.
   * Fails with {@link UnknownTopicException} if the partition does not exist, {@link
   * OwnedElsewhereException} if another broker's owner key exists, and {@code
   * LeaseNotFoundException} if the session's lease is gone.
   */
  CompletableFuture<PartitionRecord> claim(String topic, int partition, BrokerSession session);

  /**
   * Gives up ownership after the owner has flushed and closed its log: deletes the owner key if it
   * still holds {@code session}'s broker, incarnation and {@code epoch}; otherwise does nothing
   * (the partition was taken over already). The state key keeps the epoch, so the next claim raises
   * it.
   */
  CompletableFuture<Void> release(String topic, int partition, BrokerSession session, int epoch);

  /**
   * In one transaction that checks the stored leader epoch equals {@code epoch} and the owner key
   * still holds the claim made at that epoch: adds the segment reference, sets the high watermark
   * to {@code segment.lastOffset() + 1}, and stores the producer states. Fails with {@link
   * FencedEpochException} when the epoch moved or the owner key is gone (lease expired, topic
   * deleted, taken over).
   */
  CompletableFuture<Void> commitSegment(
      String topic,
      int partition,
      int epoch,
      SegmentRecord segment,
      List<ProducerRecord> producers);

  /**
   * Retention and DeleteRecords: deletes the references of {@code removed} (whole leading segments
   * of the partition, oldest first, each wholly below {@code logStartOffset}) and moves the stored
   * log start offset to {@code logStartOffset} (never backwards, never past the high watermark), in
   * transactions that each check the stored leader epoch equals {@code epoch} and the owner key
   * still holds the claim made at that epoch, like {@link #commitSegment}. Long lists are removed
   * in several transactions of a bounded size (etcd allows 128 ops per transaction), oldest first,
   * each advancing the log start past the segments it deleted, so a failure part-way leaves a
   * consistent, partly trimmed partition. The segments' objects are not touched. Fails with {@link
   * FencedEpochException} when the epoch moved or the owner key is gone, with {@code
   * IllegalArgumentException} for a segment not below {@code logStartOffset} or a log start above
   * the high watermark. The caller keeps at most one commit or trim per partition in flight.
   */
  CompletableFuture<Void> trimSegments(
      String topic, int partition, int epoch, long logStartOffset, List<SegmentRecord> removed);

  /**
   * Log compaction: in ONE transaction that checks the stored leader epoch equals {@code epoch} and
   * the owner key still holds the claim made at that epoch (like {@link #commitSegment}), and that
   * every segment of {@code removed} is still stored exactly as given, deletes the references of
   * {@code removed} and writes those of {@code added} (a removed key that an added segment re-uses,
   * same base offset, is simply overwritten). {@code added} must lie, oldest first and without
   * overlaps, inside the offsets {@code removed} covered. High watermark, log start and producer
   * states are untouched. Fails with {@link FencedEpochException} when the epoch moved or the owner
   * key is gone, with {@link SegmentsChangedException} when a removed segment is gone or different
   * (e.g. trimmed by retention; nothing is written), and with {@code IllegalArgumentException} when
   * the change does not fit one transaction (etcd allows 128 ops) or {@code added} is not inside
   * {@code removed}. The segments' objects are not touched.
   */
  CompletableFuture<Void> replaceSegments(
      String topic,
      int partition,
      int epoch,
      List<SegmentRecord> removed,
      List<SegmentRecord> added);
}
