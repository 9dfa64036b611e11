/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.txn.ProduceVerification.Rejection;
import io.kafscale.broker.txn.ProduceVerification.TxnProducer;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** KIP-890 part 1 decisions: which batches are verified and what a coordinator answer becomes. */
class ProduceVerificationTest {
  private static final TxnProducer PRODUCER = new TxnProducer(7, (short) 3);

  static ByteBuffer transactional(long producerId, short epoch) {
    return MemoryRecords.withTransactionalRecords(
            Compression.NONE, producerId, epoch, 0, new SimpleRecord("v".getBytes()))
        .buffer();
  }

  private static ProducerSnapshot state(long producerId, short epoch, boolean ongoing) {
    return new ProducerSnapshot(
        producerId, epoch, List.of(), 0, ongoing ? 10 : ProducerSnapshot.NO_TXN);
  }

  @Test
  void shouldReadTheProducerOfATransactionalBatch() {
    assertThat(ProduceVerification.transactionalProducer(transactional(7, (short) 3)))
        .contains(PRODUCER);
  }

  @Test
  void shouldIgnoreIdempotentAndPlainBatchesAndGarbage() {
    ByteBuffer idempotent =
        MemoryRecords.withIdempotentRecords(
                Compression.NONE, 7, (short) 3, 0, new SimpleRecord("v".getBytes()))
            .buffer();
    ByteBuffer plain =
        MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes())).buffer();
    assertThat(ProduceVerification.transactionalProducer(idempotent)).isEmpty();
    assertThat(ProduceVerification.transactionalProducer(plain)).isEmpty();
    assertThat(ProduceVerification.transactionalProducer(ByteBuffer.allocate(10))).isEmpty();
  }

  @Test
  void shouldReadAtTheBufferPositionWithoutMovingIt() {
    // Given a batch behind a prefix
    ByteBuffer batch = transactional(7, (short) 3);
    ByteBuffer framed = ByteBuffer.allocate(batch.remaining() + 5);
    framed.position(5);
    framed.put(batch.duplicate());
    framed.position(5);
    // When / Then
    assertThat(ProduceVerification.transactionalProducer(framed)).contains(PRODUCER);
    assertThat(framed.position()).isEqualTo(5);
  }

  @Test
  void shouldVerifyAProducerWithoutStateOnThePartition() {
    assertThat(ProduceVerification.needsVerification(PRODUCER, List.of())).isTrue();
    assertThat(ProduceVerification.needsVerification(PRODUCER, List.of(state(8, (short) 3, true))))
        .isTrue();
  }

  @Test
  void shouldVerifyAProducerWhoseTransactionEndedOrWhoseEpochDiffers() {
    assertThat(ProduceVerification.needsVerification(PRODUCER, List.of(state(7, (short) 3, false))))
        .isTrue();
    assertThat(ProduceVerification.needsVerification(PRODUCER, List.of(state(7, (short) 2, true))))
        .isTrue();
  }

  @Test
  void shouldNotVerifyAProducerWithAnOngoingTransactionAtItsEpoch() {
    assertThat(ProduceVerification.needsVerification(PRODUCER, List.of(state(7, (short) 3, true))))
        .isFalse();
  }

  @Test
  void shouldAppendWhenTheCoordinatorConfirms() {
    assertThat(ProduceVerification.rejection(Errors.NONE, (short) 9)).isEmpty();
  }

  @Test
  void shouldAnswerInvalidTxnStateToOldProduceVersionsForAPartitionNotAdded() {
    assertThat(ProduceVerification.rejection(Errors.TRANSACTION_ABORTABLE, (short) 10))
        .contains(new Rejection(Errors.INVALID_TXN_STATE, ProduceVerification.NOT_ADDED));
    assertThat(ProduceVerification.rejection(Errors.INVALID_TXN_STATE, (short) 3))
        .contains(new Rejection(Errors.INVALID_TXN_STATE, ProduceVerification.NOT_ADDED));
  }

  @Test
  void shouldAnswerTransactionAbortableFromProduceVersion11() {
    assertThat(ProduceVerification.rejection(Errors.TRANSACTION_ABORTABLE, (short) 11))
        .contains(new Rejection(Errors.TRANSACTION_ABORTABLE, null));
  }

  @ParameterizedTest
  @EnumSource(
      value = Errors.class,
      names = {
        "NETWORK_EXCEPTION",
        "COORDINATOR_LOAD_IN_PROGRESS",
        "COORDINATOR_NOT_AVAILABLE",
        "NOT_COORDINATOR",
        "CONCURRENT_TRANSACTIONS"
      })
  void shouldAnswerNotEnoughReplicasWhenTheCoordinatorCouldNotTell(Errors answer) {
    Optional<Rejection> r = ProduceVerification.rejection(answer, (short) 9);
    assertThat(r).isPresent();
    assertThat(r.get().error()).isEqualTo(Errors.NOT_ENOUGH_REPLICAS);
    assertThat(r.get().message()).endsWith(answer.name());
  }

  @Test
  void shouldAnswerInvalidProducerEpochForAFencedProducer() {
    assertThat(ProduceVerification.rejection(Errors.PRODUCER_FENCED, (short) 9))
        .contains(new Rejection(Errors.INVALID_PRODUCER_EPOCH, null));
    assertThat(ProduceVerification.rejection(Errors.INVALID_PRODUCER_EPOCH, (short) 9))
        .contains(new Rejection(Errors.INVALID_PRODUCER_EPOCH, null));
  }
}
