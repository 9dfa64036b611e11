/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchValidator;
import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.SequenceBatch;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a partition log accepts from a produce request before any producer-state check: valid v2
 * batches within max.message.bytes, no control batches (only the broker writes those),
 * transactional batches only when the log's factory enables transactions, CreateTime timestamps
 * within message.timestamp.before/after.max.ms of the broker's clock (as Kafka 3.6+ checks them),
 * and on compacted topics records with keys (read through {@link BatchRewriter#scan}, which
 * decompresses every codec Kafka clients use). Nothing of a request is accepted when one batch
 * fails. Pure and thread-safe.
 */
final class AppendValidator {
  private static final long NO_TIMESTAMP = -1;

  private AppendValidator() {}

  /** The batch headers, or a {@link StorageException} naming the reason. */
  static List<BatchHeader> validate(
      ByteBuffer records, LogConfig config, long nowMs, BatchRewriter inspector) {
    return validate(records, config, nowMs, inspector, false);
  }

  /**
   * Like {@link #validate(ByteBuffer, LogConfig, long, BatchRewriter)}; transactional batches with
   * a producer id are accepted when {@code transactions} (the broker runs a transaction
   * coordinator).
   */
  static List<BatchHeader> validate(
      ByteBuffer records,
      LogConfig config,
      long nowMs,
      BatchRewriter inspector,
      boolean transactions) {
    List<BatchHeader> headers = BatchValidator.validate(records, config.maxMessageBytes());
    for (BatchHeader h : headers) {
      if (h.isControl()) {
        throw new StorageException(
            Reason.INVALID_RECORD, "clients may not produce control batches");
      }
      if (h.isTransactional() && !transactions) {
        throw new StorageException(
            Reason.TRANSACTIONS_NOT_SUPPORTED, "transactional produce is not supported");
      }
      if (h.isTransactional() && !h.hasProducerId()) {
        throw new StorageException(
            Reason.INVALID_RECORD, "a transactional batch needs a producer id");
      }
      if (!config.logAppendTime()) {
        checkTimestamps(h, config, nowMs);
      }
      if (config.compact()) {
        ByteBuffer batch = records.slice(records.position() + h.position(), h.sizeInBytes());
        if (hasNullKey(batch, inspector)) {
          throw new StorageException(
              Reason.INVALID_RECORD, "Compacted topic cannot accept message without key");
        }
      }
    }
    return headers;
  }

  private static boolean hasNullKey(ByteBuffer batch, BatchRewriter inspector) {
    boolean[] found = {false};
    try {
      inspector.scan(batch, (offset, key, tombstone) -> found[0] |= key == null);
    } catch (UnsupportedOperationException e) {
      // A factory built without a batch rewriter cannot look at keys: refuse rather than guess.
      throw new StorageException(
          Reason.UNSUPPORTED_FOR_MESSAGE_FORMAT, "record keys cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new StorageException(Reason.CORRUPT_MESSAGE, "unreadable records in batch: " + e);
    }
    return found[0];
  }

  /**
   * The batch's first and max timestamps bound its records' timestamps as producers write them, so
   * checking both keeps the check on the header (no decompression).
   */
  private static void checkTimestamps(BatchHeader h, LogConfig config, long nowMs) {
    long earliest = saturatedSub(nowMs, config.timestampBeforeMaxMs());
    long latest = saturatedAdd(nowMs, config.timestampAfterMaxMs());
    for (long ts : new long[] {h.firstTimestamp(), h.maxTimestamp()}) {
      if (ts != NO_TIMESTAMP && (ts < earliest || ts > latest)) {
        throw new StorageException(
            Reason.INVALID_TIMESTAMP,
            "Timestamp "
                + ts
                + " of message is out of range. The timestamp should be within ["
                + earliest
                + ", "
                + latest
                + "]");
      }
    }
  }

  private static long saturatedSub(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  static List<SequenceBatch> sequences(List<BatchHeader> headers) {
    return headers.stream()
        .map(
            h ->
                new SequenceBatch(
                    h.producerId(),
                    h.producerEpoch(),
                    h.baseSequence(),
                    h.lastSequence(),
                    h.isTransactional()))
        .toList();
  }
}
