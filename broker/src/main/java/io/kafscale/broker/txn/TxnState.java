/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka's transaction coordinator states (transaction version 1), with Kafka's names and legal
 * predecessors:
 *
 * <pre>
 *            InitProducerId             AddPartitions/AddOffsets          EndTxn(commit)
 *   (none) ----------------> Empty ------------------------> Ongoing ----------------> PrepareCommit
 *                              ^  ^                           |  |  \                     | markers
 *                 InitPid      |  |      InitPid on Ongoing   |  |   \ EndTxn(abort)      v
 *   CompleteCommit/Abort ------+  |      or timeout:          |  |    +------------> PrepareAbort
 *                                 |      PrepareEpochFence ---+  |                        | markers
 *                                 +------------------------------+ (Add on Complete*)     v
 *                                                                                   CompleteAbort
 * </pre>
 *
 * {@code PrepareEpochFence} is transient (never persisted here: the fence and the abort are one
 * step). {@code Dead} marks an expired id.
 */
public enum TxnState {
  EMPTY("Empty"),
  ONGOING("Ongoing"),
  PREPARE_COMMIT("PrepareCommit"),
  PREPARE_ABORT("PrepareAbort"),
  COMPLETE_COMMIT("CompleteCommit"),
  COMPLETE_ABORT("CompleteAbort"),
  DEAD("Dead"),
  PREPARE_EPOCH_FENCE("PrepareEpochFence");

  private final String kafkaName;

  TxnState(String kafkaName) {
    this.kafkaName = kafkaName;
  }

  /** The name DescribeTransactions and ListTransactions use. */
  public String kafkaName() {
    return kafkaName;
  }

  /** The state of a Kafka state name (case-sensitive, as Kafka matches it). */
  public static Optional<TxnState> fromKafkaName(String name) {
    return Arrays.stream(values()).filter(s -> s.kafkaName.equals(name)).findFirst();
  }

  /** The states a transition into this one may start from (Kafka's validPreviousStates). */
  public Set<TxnState> validPreviousStates() {
    return switch (this) {
      case EMPTY -> EnumSet.of(EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
      case ONGOING -> EnumSet.of(ONGOING, EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
      case PREPARE_COMMIT, PREPARE_EPOCH_FENCE -> EnumSet.of(ONGOING);
      case PREPARE_ABORT -> EnumSet.of(ONGOING, PREPARE_EPOCH_FENCE);
      case COMPLETE_COMMIT -> EnumSet.of(PREPARE_COMMIT);
      case COMPLETE_ABORT -> EnumSet.of(PREPARE_ABORT);
      case DEAD -> EnumSet.of(EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
    };
  }

  /** Whether markers are being written (requests get CONCURRENT_TRANSACTIONS). */
  public boolean isPrepare() {
    return this == PREPARE_COMMIT || this == PREPARE_ABORT;
  }

  /** Whether no transaction is open (a new one may start). */
  public boolean isIdle() {
    return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
  }
}
