/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** A new coordinator finishing what its predecessor left in flight. */
class TxnRecoveryTest {
  private final TxnTestContext ctx = new TxnTestContext();

  @Test
  void shouldResendMarkersOfPreparedTransactionsAndArmTimeoutsOfOngoingOnes() {
    // Given a committing, an ongoing and an idle transaction
    ctx.init("committing");
    ctx.add("committing", tp("orders", 0));
    ctx.end("committing", true);
    ctx.init("ongoing", 2_000);
    ctx.add("ongoing", tp("orders", 1));
    ctx.init("idle");
    // When the coordinator fails over
    TxnRecovery.Plan plan = ctx.failover();
    // Then
    assertThat(plan.states()).containsOnlyKeys("committing", "ongoing", "idle");
    assertThat(plan.states().values()).allMatch(t -> t.coordinatorEpoch() == 2);
    assertThat(plan.effects())
        .containsExactlyInAnyOrder(
            new TxnEffect.WriteMarkers(
                "committing",
                1000,
                (short) 0,
                true,
                2,
                plan.states().get("committing").partitions()),
            new TxnEffect.ScheduleTimeout("ongoing", 10_000 + 2_000 + 1));
  }

  @Test
  void shouldCompleteARecoveredTransactionWhenItsMarkersAreWritten() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    ctx.end("tx", false);
    TxnRecovery.Plan plan = ctx.failover();
    TxnEffect.WriteMarkers markers = (TxnEffect.WriteMarkers) plan.effects().get(0);
    // When
    TxnResult done = ctx.markersWritten(markers);
    // Then
    assertThat(done.persist().orElseThrow().state()).isEqualTo(TxnState.COMPLETE_ABORT);
    assertThat(done.persist().orElseThrow().coordinatorEpoch()).isEqualTo(2);
    assertThat(((TxnReply.Status) ctx.end("tx", false).reply().orElseThrow()).error())
        .isEqualTo(Errors.NONE);
  }
}
