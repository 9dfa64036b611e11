/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.idempotent;
import static io.kafscale.storage.log.LogTestBatches.plain;
import static io.kafscale.storage.log.LogTestBatches.transactional;
import static io.kafscale.storage.log.PartitionLogTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** The partition side of transactions: markers, last stable offset, aborted list, failover. */
class PartitionLogTransactionTest {

  private static final long PID = 7;
  private static final short EPOCH = 0;

  private final PartitionLogTestContext ctx = new PartitionLogTestContext().transactions();

  @Test
  void shouldHoldTheLastStableOffsetAtTheOngoingTransactionUntilItCommits() {
    // Given
    PartitionLog log = ctx.open();
    log.append(plain(2, 10));
    log.append(transactional(PID, EPOCH, 0));
    log.append(transactional(PID, EPOCH, 1));
    log.flush().join();
    // When
    long before = log.lastStableOffset();
    AppendResult marker = log.appendMarker(new TxnMarker(PID, EPOCH, true, 3)).join();
    // Then
    assertThat(before).isEqualTo(2);
    assertThat(log.highWatermark()).isEqualTo(5);
    assertThat(marker.baseOffset()).isEqualTo(4);
    assertThat(log.lastStableOffset()).isEqualTo(5);
    assertThat(log.read(0, 1 << 20, true, true).join().abortedTransactions()).isEmpty();
  }

  @Test
  void shouldStopReadCommittedAtTheLastStableOffsetAndReadUncommittedAtTheHighWatermark() {
    // Given
    PartitionLog log = ctx.open();
    log.append(plain(2, 10));
    log.flush().join();
    log.append(transactional(PID, EPOCH, 0));
    log.flush().join();
    // When
    ReadResult committed = log.read(0, 1 << 20, true, true).join();
    ReadResult uncommitted = log.read(0, 1 << 20, true, false).join();
    ReadResult atLso = log.read(2, 1 << 20, true, true).join();
    // Then
    assertThat(LogTestBatches.offsets(committed.batches())).containsExactly(0L, 1L);
    assertThat(committed.lastStableOffset()).isEqualTo(2);
    assertThat(committed.highWatermark()).isEqualTo(3);
    assertThat(LogTestBatches.offsets(uncommitted.batches())).containsExactly(0L, 1L, 2L);
    assertThat(uncommitted.lastStableOffset()).isEqualTo(2);
    assertThat(atLso.batches()).isEmpty();
  }

  @Test
  void shouldRecordAnAbortedTransactionAndReturnItToReadCommittedReads() {
    // Given
    PartitionLog log = ctx.open();
    log.append(transactional(PID, EPOCH, 0));
    log.append(plain(1, 10));
    log.append(transactional(PID, EPOCH, 1));
    log.flush().join();
    // When
    AppendResult marker = log.appendMarker(new TxnMarker(PID, EPOCH, false, 0)).join();
    ReadResult read = log.read(0, 1 << 20, true, true).join();
    ReadResult after = log.read(4, 1 << 20, true, true).join();
    // Then
    assertThat(marker.baseOffset()).isEqualTo(3);
    assertThat(read.lastStableOffset()).isEqualTo(4);
    assertThat(LogTestBatches.offsets(read.batches())).containsExactly(0L, 1L, 2L, 3L);
    assertThat(read.abortedTransactions()).containsExactly(new AbortedTxn(PID, 0, 3));
    assertThat(log.segments().getLast().abortedTxns()).containsExactly(new AbortedTxn(PID, 0, 3));
    assertThat(after.abortedTransactions()).isEmpty();
  }

  @Test
  void shouldWriteAMarkerThatKafkaClientsParseAsAnEndTransactionMarker() {
    // Given
    PartitionLog log = ctx.open();
    log.append(transactional(PID, (short) 2, 0));
    // When
    log.appendMarker(new TxnMarker(PID, (short) 2, true, 11)).join();
    // Then
    List<RecordBatch> batches = LogTestBatches.parse(log.read(1, 1 << 20, true).join().batches());
    assertThat(batches).hasSize(1);
    RecordBatch batch = batches.getFirst();
    batch.ensureValid();
    assertThat(batch.isControlBatch()).isTrue();
    assertThat(batch.isTransactional()).isTrue();
    assertThat(batch.producerId()).isEqualTo(PID);
    assertThat(batch.producerEpoch()).isEqualTo((short) 2);
    assertThat(batch.baseOffset()).isEqualTo(1);
    Record record = batch.iterator().next();
    assertThat(ControlRecordType.parse(record.key())).isEqualTo(ControlRecordType.COMMIT);
    EndTransactionMarker marker = EndTransactionMarker.deserialize(record);
    assertThat(marker.controlType()).isEqualTo(ControlRecordType.COMMIT);
    assertThat(marker.coordinatorEpoch()).isEqualTo(11);
  }

  @Test
  void shouldRestoreOngoingTransactionsAndAbortedListOnANewOwner() {
    // Given a committed aborted transaction and an ongoing one
    PartitionLog log = ctx.open();
    log.append(transactional(PID, EPOCH, 0));
    log.flush().join();
    log.appendMarker(new TxnMarker(PID, EPOCH, false, 0)).join();
    log.append(transactional(PID + 1, EPOCH, 0));
    log.append(plain(1, 10));
    log.flush().join();
    log.close();
    // When
    PartitionLog next = ctx.transactions().reopen(2);
    // Then
    assertThat(next.highWatermark()).isEqualTo(4);
    assertThat(next.lastStableOffset()).isEqualTo(2);
    ReadResult read = next.read(0, 1 << 20, true, true).join();
    assertThat(LogTestBatches.offsets(read.batches())).containsExactly(0L, 1L);
    assertThat(read.abortedTransactions()).containsExactly(new AbortedTxn(PID, 0, 1));
    // And the ongoing transaction still ends with its marker
    next.appendMarker(new TxnMarker(PID + 1, EPOCH, true, 0)).join();
    assertThat(next.lastStableOffset()).isEqualTo(5);
  }

  @Test
  void shouldFenceTransactionalBatchesAndMarkersOfAnOlderEpoch() {
    // Given
    PartitionLog log = ctx.open();
    log.append(transactional(PID, (short) 3, 0));
    log.flush().join();
    // When
    CompletableFuture<AppendResult> zombie = log.append(transactional(PID, (short) 2, 1));
    CompletableFuture<AppendResult> staleMarker =
        log.appendMarker(new TxnMarker(PID, (short) 2, true, 0));
    // Then
    assertFailsWith(zombie, Reason.INVALID_PRODUCER_EPOCH);
    assertFailsWith(staleMarker, Reason.INVALID_PRODUCER_EPOCH);
    assertThat(log.lastStableOffset()).isEqualTo(0);
  }

  @Test
  void shouldRejectANonTransactionalBatchFromAProducerWithAnOngoingTransaction() {
    // Given
    PartitionLog log = ctx.open();
    log.append(transactional(PID, EPOCH, 0));
    // When
    CompletableFuture<AppendResult> plainWrite = log.append(idempotent(PID, EPOCH, 1, 1));
    // Then
    assertFailsWith(plainWrite, Reason.INVALID_TXN_STATE);
  }

  @Test
  void shouldContinueSequencesAfterACommitMarkerAndRestartThemAfterAnEpochBump() {
    // Given
    PartitionLog log = ctx.open();
    log.append(transactional(PID, EPOCH, 0));
    log.appendMarker(new TxnMarker(PID, EPOCH, true, 0)).join();
    // When
    CompletableFuture<AppendResult> sameEpoch = log.append(transactional(PID, EPOCH, 1));
    log.flush().join();
    log.appendMarker(new TxnMarker(PID, (short) 1, false, 0)).join();
    CompletableFuture<AppendResult> bumped = log.append(transactional(PID, (short) 1, 0));
    log.flush().join();
    // Then
    assertThat(sameEpoch.join().baseOffset()).isEqualTo(2);
    assertThat(bumped.join().baseOffset()).isEqualTo(4);
    assertThat(log.lastStableOffset()).isEqualTo(4);
  }

  @Test
  void shouldKeepRejectingTransactionalBatchesWhenTransactionsAreNotEnabled() {
    // Given
    PartitionLog log = new PartitionLogTestContext().open();
    // When
    CompletableFuture<AppendResult> txn = log.append(transactional(PID, EPOCH, 0));
    // Then
    assertFailsWith(txn, Reason.TRANSACTIONS_NOT_SUPPORTED);
  }
}
