/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.CoordinatorFence;
import java.util.Optional;

/**
 * Port: which partitions of {@value TransactionPartitions#TOPIC} this broker owns right now, and
 * the fence its transaction state writes must carry for each (the same shape as the group
 * coordinator's port). Thread-safe.
 */
public interface TransactionCoordinatorPartitions {
  /** The partition count transactional ids are spread over. */
  int count();

  /** The fence of {@code partition} while this broker owns it; empty otherwise. */
  Optional<CoordinatorFence> fence(int partition);
}
