/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

/**
 * The producer fields of one record batch that idempotence and transaction checks need. {@code
 * producerId} -1 means the batch carries no producer state and skips every check.
 */
public record SequenceBatch(
    long producerId,
    short producerEpoch,
    int firstSequence,
    int lastSequence,
    boolean transactional) {

  /** A non-transactional batch. */
  public SequenceBatch(long producerId, short producerEpoch, int firstSequence, int lastSequence) {
    this(producerId, producerEpoch, firstSequence, lastSequence, false);
  }

  public boolean hasProducerId() {
    return producerId >= 0;
  }
}
