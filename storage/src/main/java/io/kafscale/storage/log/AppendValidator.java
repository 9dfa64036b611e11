/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchValidator;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.SequenceBatch;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a partition log accepts from a produce request before any producer-state check: valid v2
 * batches within max.message.bytes, no control batches (only the broker writes those) and no
 * transactional batches (transactions are not implemented yet). Pure and thread-safe.
 */
final class AppendValidator {

  private AppendValidator() {}

  /** The batch headers, or a {@link StorageException} naming the reason. */
  static List<BatchHeader> validate(ByteBuffer records, LogConfig config) {
    List<BatchHeader> headers = BatchValidator.validate(records, config.maxMessageBytes());
    for (BatchHeader h : headers) {
      if (h.isControl()) {
        throw new StorageException(
            Reason.INVALID_RECORD, "clients may not produce control batches");
      }
      if (h.isTransactional()) {
        throw new StorageException(
            Reason.TRANSACTIONS_NOT_SUPPORTED, "transactional produce is not supported");
      }
    }
    return headers;
  }

  static List<SequenceBatch> sequences(List<BatchHeader> headers) {
    return headers.stream()
        .map(
            h ->
                new SequenceBatch(
                    h.producerId(), h.producerEpoch(), h.baseSequence(), h.lastSequence()))
        .toList();
  }
}
