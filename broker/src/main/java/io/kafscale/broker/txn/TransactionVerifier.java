/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;

/**
 * Port: asks the transaction coordinator of {@code transactionalId} whether {@code partition} was
 * added to the producer's ongoing transaction (AddPartitionsToTxn v4+ with verifyOnly, KIP-890 part
 * 1). Completes with the coordinator's answer for the partition (NONE when it is in the
 * transaction), NETWORK_EXCEPTION when the coordinator could not be reached,
 * COORDINATOR_NOT_AVAILABLE when it is not known; never fails. Thread-safe.
 */
public interface TransactionVerifier {
  CompletableFuture<Errors> verify(
      String transactionalId, long producerId, short producerEpoch, PartitionRef partition);
}
