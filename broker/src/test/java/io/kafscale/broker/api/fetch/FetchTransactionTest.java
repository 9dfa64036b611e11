/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.TxnMarker;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetch and ListOffsets by isolation level over a log holding transactions. */
class FetchTransactionTest {
  private static final long PID = 17;
  private static final short EPOCH = 0;
  private static final byte READ_UNCOMMITTED = 0;
  private static final byte READ_COMMITTED = 1;

  private final ApiTestContext ctx = new ApiTestContext();
  private PartitionLog log;

  @BeforeEach
  void setUp() {
    ctx.logs.withTransactions(true);
    ctx.createTopic("tx", 1, Map.of());
    log = ctx.node.topics().log("tx", 0).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static ByteBuffer txnBatch(int sequence) {
    return MemoryRecords.withTransactionalRecords(
            Compression.NONE, PID, EPOCH, sequence, new SimpleRecord(1000L, "v".getBytes()))
        .buffer();
  }

  private FetchResponseData fetch(byte isolation, long offset) {
    FetchRequestData request =
        new FetchRequestData()
            .setMaxWaitMs(0)
            .setMinBytes(1)
            .setMaxBytes(1 << 20)
            .setIsolationLevel(isolation)
            .setSessionId(0)
            .setSessionEpoch(-1);
    FetchTopic t = new FetchTopic().setTopic("tx").setTopicId(Uuid.ZERO_UUID);
    t.partitions()
        .add(
            new FetchPartition()
                .setPartition(0)
                .setFetchOffset(offset)
                .setPartitionMaxBytes(1 << 20));
    request.topics().add(t);
    return ctx.call(ApiKeys.FETCH, 12, request);
  }

  private long latest(byte isolation) {
    ListOffsetsRequestData request =
        new ListOffsetsRequestData().setReplicaId(-1).setIsolationLevel(isolation);
    ListOffsetsTopic t = new ListOffsetsTopic().setName("tx");
    t.partitions().add(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1));
    request.topics().add(t);
    ListOffsetsResponseData response = ctx.call(ApiKeys.LIST_OFFSETS, 5, request);
    return response.topics().getFirst().partitions().getFirst().offset();
  }

  private static PartitionData only(FetchResponseData response) {
    return response.responses().getFirst().partitions().getFirst();
  }

  @Test
  void shouldStopReadCommittedFetchesAtTheLastStableOffset() {
    // Given committed plain data, then an open transaction
    log.append(TestRecords.batch(10, 20)).join();
    log.append(txnBatch(0)).join();
    // When
    PartitionData committed = only(fetch(READ_COMMITTED, 0));
    PartitionData uncommitted = only(fetch(READ_UNCOMMITTED, 0));
    // Then
    assertThat(committed.highWatermark()).isEqualTo(3);
    assertThat(committed.lastStableOffset()).isEqualTo(2);
    assertThat(TestRecords.baseOffsets(committed)).containsExactly(0L);
    assertThat(committed.abortedTransactions()).isEmpty();
    assertThat(uncommitted.lastStableOffset()).isEqualTo(2);
    assertThat(uncommitted.highWatermark()).isEqualTo(3);
    assertThat(TestRecords.baseOffsets(uncommitted)).containsExactly(0L, 2L);
    assertThat(latest(READ_COMMITTED)).isEqualTo(2);
    assertThat(latest(READ_UNCOMMITTED)).isEqualTo(3);
  }

  @Test
  void shouldReturnAbortedTransactionsToReadCommittedFetches() {
    // Given an aborted transaction
    log.append(txnBatch(0)).join();
    log.append(txnBatch(1)).join();
    log.appendMarker(new TxnMarker(PID, EPOCH, false, 5)).join();
    // When
    PartitionData committed = only(fetch(READ_COMMITTED, 0));
    // Then
    assertThat(committed.highWatermark()).isEqualTo(3);
    assertThat(committed.lastStableOffset()).isEqualTo(3);
    assertThat(TestRecords.baseOffsets(committed)).containsExactly(0L, 1L, 2L);
    assertThat(committed.abortedTransactions())
        .containsExactly(new AbortedTransaction().setProducerId(PID).setFirstOffset(0));
    assertThat(latest(READ_COMMITTED)).isEqualTo(3);
  }
}
