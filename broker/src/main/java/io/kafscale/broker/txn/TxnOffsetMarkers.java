/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.concurrent.CompletableFuture;

/**
 * Port (implemented by the group coordinator): a transaction marker reached partition {@code
 * offsetsPartition} of {@code __consumer_offsets}, which this broker owns; make producer {@code
 * producerId}'s pending transactional offset commits of the groups on that partition visible
 * ({@code commit}) or drop them (abort), as Kafka's group coordinator does on a control record.
 * Completes once that outcome is durable; fails with a Kafka {@code ApiException} (e.g.
 * NOT_COORDINATOR when the partition moved) or another exception (mapped to a Kafka error by the
 * caller). Repeating a marker already applied must complete normally. Thread-safe.
 */
public interface TxnOffsetMarkers {
  CompletableFuture<Void> complete(
      int offsetsPartition, long producerId, short producerEpoch, boolean commit);
}
