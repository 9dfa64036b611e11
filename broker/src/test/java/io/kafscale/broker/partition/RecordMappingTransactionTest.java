/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.storage.log.AbortedTxn;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction state of a partition survives the trip through the metadata records. */
class RecordMappingTransactionTest {

  @Test
  void shouldRoundTripTheAbortedTransactionsOfASegmentThroughTheStoredBytes() {
    // Given
    SegmentRef ref =
        SegmentRef.flushed("k", null, 0, 100, 10, 20, 5, 2, 9, 1)
            .withAbortedTxns(List.of(new AbortedTxn(7, 12, 20)));
    // When
    SegmentRef back =
        RecordMapping.toRef(
            ProtoCodec.decodeSegment(ProtoCodec.encodeSegment(RecordMapping.toRecord(ref))));
    // Then
    assertThat(back).isEqualTo(ref);
  }

  @Test
  void shouldRoundTripAProducersOngoingTransactionThroughTheStoredBytes() {
    // Given
    ProducerSnapshot ongoing =
        new ProducerSnapshot(
            7, (short) 1, List.of(new ProducerSnapshot.BatchEntry(0, 0, 0, 0, 5)), 9, 0);
    ProducerSnapshot idle =
        new ProducerSnapshot(8, (short) 0, List.of(), 9, ProducerSnapshot.NO_TXN);
    // When
    ProducerSnapshot ongoingBack =
        RecordMapping.toSnapshot(
            ProtoCodec.decodeProducer(ProtoCodec.encodeProducer(RecordMapping.toRecord(ongoing))));
    ProducerSnapshot idleBack =
        RecordMapping.toSnapshot(
            ProtoCodec.decodeProducer(ProtoCodec.encodeProducer(RecordMapping.toRecord(idle))));
    // Then
    assertThat(ongoingBack).isEqualTo(ongoing);
    assertThat(idleBack).isEqualTo(idle);
    assertThat(idleBack.hasOngoingTxn()).isFalse();
  }
}
