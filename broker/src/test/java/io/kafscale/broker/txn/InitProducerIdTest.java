/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** InitProducerId with a transactional id, as Kafka's coordinator answers it. */
class InitProducerIdTest {
  private final TxnTestContext ctx = new TxnTestContext();

  private static TxnReply.InitProducerId initReply(TxnResult r) {
    return (TxnReply.InitProducerId) r.reply().orElseThrow();
  }

  @Test
  void shouldAskForAProducerIdForANewTransactionalIdAndStartAtEpochZero() {
    // Given a new id, first submission without an id
    TxnResult ask =
        ctx.machine.apply(
            Optional.empty(),
            new TxnEvent.InitProducerId("tx", 60_000, Optional.empty(), OptionalLong.empty(), 5),
            1);
    // Then the machine asks for an id and changes nothing
    assertThat(ask.effects()).containsExactly(new TxnEffect.AllocateProducerId("tx"));
    assertThat(ask.state()).isEmpty();
    // When the shell supplies one
    TxnResult r = ctx.init("tx");
    // Then
    assertThat(initReply(r)).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 0));
    TxnMetadata t = r.persist().orElseThrow();
    assertThat(t.state()).isEqualTo(TxnState.EMPTY);
    assertThat(t.lastProducerEpoch()).isEqualTo(ProducerEpoch.NO_EPOCH);
    assertThat(t.lastProducerId()).isEqualTo(1000);
    assertThat(t.timeoutMs()).isEqualTo(60_000);
    assertThat(t.coordinatorEpoch()).isEqualTo(1);
  }

  @Test
  void shouldBumpTheEpochOfAKnownIdSoThePreviousProducerIsFenced() {
    // Given
    ctx.init("tx");
    // When
    TxnResult r = ctx.init("tx", 30_000);
    // Then
    assertThat(initReply(r)).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 1));
    assertThat(r.persist().orElseThrow().timeoutMs()).isEqualTo(30_000);
    assertThat(ctx.end("tx", 1000, (short) 0, true).reply())
        .contains(new TxnReply.Status(Errors.PRODUCER_FENCED));
  }

  @Test
  void shouldRejectTimeoutsAboveTheMaximumOrNotPositiveAndEmptyIds() {
    // When / Then
    assertThat(initReply(ctx.init("tx", 900_001)).error())
        .isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT);
    assertThat(initReply(ctx.init("tx", 0)).error()).isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT);
    assertThat(initReply(ctx.init("", 1000)).error()).isEqualTo(Errors.INVALID_REQUEST);
    assertThat(initReply(ctx.init("tx", 900_000)).error()).isEqualTo(Errors.NONE);
    assertThat(ctx.durable).containsOnlyKeys("tx");
  }

  @Test
  void shouldAbortAnOngoingTransactionAtABumpedEpochAndAnswerConcurrentTransactions() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0), tp("orders", 1));
    // When
    TxnResult r = ctx.init("tx");
    // Then
    assertThat(initReply(r))
        .isEqualTo(new TxnReply.InitProducerId(Errors.CONCURRENT_TRANSACTIONS, -1, (short) -1));
    TxnMetadata aborting = r.persist().orElseThrow();
    assertThat(aborting.state()).isEqualTo(TxnState.PREPARE_ABORT);
    assertThat(aborting.producerEpoch()).isEqualTo((short) 1);
    assertThat(r.markers().orElseThrow())
        .isEqualTo(
            new TxnEffect.WriteMarkers("tx", 1000, (short) 1, false, 1, aborting.partitions()));
    assertThat(aborting.partitions()).containsExactly(tp("orders", 0), tp("orders", 1));
    // And the retry waits until the markers are written, then gets the next epoch
    assertThat(initReply(ctx.init("tx")).error()).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
    ctx.markersWritten(r.markers().orElseThrow());
    assertThat(ctx.state("tx").orElseThrow().state()).isEqualTo(TxnState.COMPLETE_ABORT);
    assertThat(initReply(ctx.init("tx")))
        .isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 2));
  }

  @Test
  void shouldAnswerConcurrentTransactionsWhileCommitMarkersAreWritten() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    ctx.end("tx", true);
    TxnMetadata before = ctx.state("tx").orElseThrow();
    // When
    TxnResult r = ctx.init("tx");
    // Then
    assertThat(initReply(r).error()).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
    assertThat(r.persist()).isEmpty();
    assertThat(ctx.state("tx")).contains(before);
  }

  @Test
  void shouldRotateToANewProducerIdWhenTheEpochIsExhausted() {
    // Given an id whose epoch reached Short.MAX_VALUE - 1
    ctx.init("tx");
    for (int i = 0; i < Short.MAX_VALUE - 1; i++) {
      ctx.init("tx");
    }
    assertThat(ctx.state("tx").orElseThrow().producerEpoch())
        .isEqualTo((short) (Short.MAX_VALUE - 1));
    // When
    TxnResult r = ctx.init("tx");
    // Then
    assertThat(initReply(r)).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1001, (short) 0));
    TxnMetadata t = r.persist().orElseThrow();
    assertThat(t.lastProducerId()).isEqualTo(1000);
    assertThat(t.lastProducerEpoch()).isEqualTo(ProducerEpoch.NO_EPOCH);
  }

  @Test
  void shouldAcceptKip360RecoveryWithTheCurrentEpochAndARetryOfIt() {
    // Given
    ctx.init("tx");
    ctx.init("tx");
    // When the producer recovers with its current id and epoch
    TxnResult r = ctx.initExpecting("tx", 1000, (short) 1);
    // Then the epoch is bumped and the previous one remembered
    assertThat(initReply(r)).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 2));
    assertThat(r.persist().orElseThrow().lastProducerEpoch()).isEqualTo((short) 1);
    // When it retries because the answer was lost: same epoch again, no bump
    assertThat(initReply(ctx.initExpecting("tx", 1000, (short) 1)))
        .isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 2));
    // When a zombie presents an older epoch or an unknown producer id
    assertThat(initReply(ctx.initExpecting("tx", 1000, (short) 0)).error())
        .isEqualTo(Errors.PRODUCER_FENCED);
    assertThat(initReply(ctx.initExpecting("tx", 77, (short) 2)).error())
        .isEqualTo(Errors.PRODUCER_FENCED);
    assertThat(ctx.state("tx").orElseThrow().producerEpoch()).isEqualTo((short) 2);
  }

  @Test
  void shouldForgetTheLastEpochWhenANewProducerInitializes() {
    // Given a recovery (last epoch recorded) followed by a fresh InitProducerId
    ctx.init("tx");
    ctx.initExpecting("tx", 1000, (short) 0);
    ctx.init("tx");
    // When the recovered producer retries with its old epoch
    TxnResult r = ctx.initExpecting("tx", 1000, (short) 0);
    // Then it is fenced
    assertThat(initReply(r).error()).isEqualTo(Errors.PRODUCER_FENCED);
  }

  @Test
  void shouldAcceptKip360RecoveryAcrossAProducerIdRotation() {
    // Given an exhausted epoch, rotated by a recovering producer
    ctx.init("tx");
    for (int i = 0; i < Short.MAX_VALUE - 1; i++) {
      ctx.init("tx");
    }
    short exhausted = (short) (Short.MAX_VALUE - 1);
    TxnResult rotated = ctx.initExpecting("tx", 1000, exhausted);
    assertThat(initReply(rotated))
        .isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1001, (short) 0));
    assertThat(rotated.persist().orElseThrow().lastProducerEpoch()).isEqualTo(exhausted);
    // When the answer was lost and the producer retries with the old id
    TxnResult retry = ctx.initExpecting("tx", 1000, exhausted);
    // Then it gets the rotated id, unchanged
    assertThat(initReply(retry))
        .isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1001, (short) 0));
  }

  @Test
  void shouldAcceptARecoveringProducerForAnIdTheCoordinatorDoesNotKnow() {
    // When a producer recovering from UNKNOWN_PRODUCER_ID presents an id this coordinator never saw
    TxnResult r = ctx.initExpecting("tx", 55, (short) 9);
    // Then it gets a fresh producer id at epoch 0
    assertThat(initReply(r)).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 1000, (short) 0));
  }
}
