/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * A request to a partition log failed for a reason the client must hear about. The broker maps each
 * {@link Reason} to one Kafka error code.
 */
public class StorageException extends RuntimeException {

  /** Why the request failed. */
  public enum Reason {
    /** Batch framing, length or CRC is wrong (CORRUPT_MESSAGE). */
    CORRUPT_MESSAGE,
    /** Batch header values are inconsistent, e.g. record count vs offset delta (INVALID_RECORD). */
    INVALID_RECORD,
    /** A batch is larger than the topic's max.message.bytes (MESSAGE_TOO_LARGE). */
    MESSAGE_TOO_LARGE,
    /** Magic v0/v1 batches (UNSUPPORTED_FOR_MESSAGE_FORMAT). */
    UNSUPPORTED_FOR_MESSAGE_FORMAT,
    /** A CreateTime timestamp outside message.timestamp.before/after.max.ms (INVALID_TIMESTAMP). */
    INVALID_TIMESTAMP,
    /** Idempotent producer sequence gap (OUT_OF_ORDER_SEQUENCE_NUMBER). */
    OUT_OF_ORDER_SEQUENCE,
    /**
     * A retry of an idempotent batch committed before the last five batches kept, whose offsets are
     * therefore unknown (DUPLICATE_SEQUENCE_NUMBER: Kafka clients count it as written).
     */
    DUPLICATE_SEQUENCE,
    /** Idempotent producer epoch older than the one seen (INVALID_PRODUCER_EPOCH). */
    INVALID_PRODUCER_EPOCH,
    /** Transactional batches, which need the transactions feature (not implemented yet). */
    TRANSACTIONS_NOT_SUPPORTED,
    /**
     * A non-transactional batch from a producer with an ongoing transaction on the partition
     * (INVALID_TXN_STATE, as Kafka's ProducerAppendInfo rejects it).
     */
    INVALID_TXN_STATE,
    /** Fetch or lookup offset outside [logStartOffset, highWatermark] (OFFSET_OUT_OF_RANGE). */
    OFFSET_OUT_OF_RANGE,
    /** Upload or commit of the flush failed; nothing advanced; retriable (KAFKA_STORAGE_ERROR). */
    FLUSH_FAILED,
    /** This broker is no longer the owner, or the log is closed (NOT_LEADER_OR_FOLLOWER). */
    NOT_OWNER,
    /** Reading committed data from the object store failed; retriable (KAFKA_STORAGE_ERROR). */
    READ_FAILED
  }

  private final Reason reason;

  public StorageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StorageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
