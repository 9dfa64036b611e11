/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import io.kafscale.storage.log.StorageException;

/**
 * Outcome of checking one produce request's batches against a {@link ProducerStateTable}: {@link
 * Accepted} (the batches are now staged), {@link Duplicate} (already committed or already staged;
 * answer with the original offsets, stage nothing) or {@link Rejected}.
 */
public sealed interface ProducerCheck {

  /** The batches passed every check and were staged under the request's append id. */
  record Accepted() implements ProducerCheck {}

  /**
   * One batch repeats a batch already committed ({@code committed} non-null) or staged by another
   * request ({@code staged} non-null). Exactly one of the two is set.
   */
  record Duplicate(ProducerSnapshot.BatchEntry committed, StagedRef staged)
      implements ProducerCheck {}

  /** The request violates the producer's sequence or epoch rules. */
  record Rejected(StorageException.Reason reason, String message) implements ProducerCheck {}

  /** Identifies one staged batch: the append request that staged it and the batch's index in it. */
  record StagedRef(long appendId, int batchIndex) {}
}
