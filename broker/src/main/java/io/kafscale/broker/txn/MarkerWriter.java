/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Port: writes a transaction's commit or abort control batch to each partition through its owner
 * (Kafka's WriteTxnMarkers). The future completes once every partition holds the marker; it fails
 * if any could not be written, and the coordinator retries the whole call (a partition owner must
 * treat a repeated marker of the same producer epoch as done). Thread-safe.
 */
public interface MarkerWriter {
  CompletableFuture<Void> writeMarkers(
      long producerId,
      short producerEpoch,
      boolean commit,
      int coordinatorEpoch,
      Collection<PartitionRef> partitions);
}
