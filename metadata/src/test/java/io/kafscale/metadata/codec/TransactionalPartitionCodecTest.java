/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.proto.metadata.v1.ProducerState;
import io.kafscale.proto.metadata.v1.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction fields of producer states and segments: round trips and older values. */
class TransactionalPartitionCodecTest {

  @Test
  void shouldRoundTripAnOngoingTransactionStartingAtOffsetZero() {
    // Given
    ProducerRecord p = new ProducerRecord(7, (short) 2, List.of(), 100, 0);
    // When
    ProducerRecord back = ProtoCodec.decodeProducer(ProtoCodec.encodeProducer(p));
    // Then
    assertThat(back).isEqualTo(p);
    assertThat(
            ProtoCodec.decodeProducer(
                    ProtoCodec.encodeProducer(
                        new ProducerRecord(7, (short) 2, List.of(), 100, ProducerRecord.NO_TXN)))
                .currentTxnFirstOffset())
        .isEqualTo(ProducerRecord.NO_TXN);
  }

  @Test
  void shouldReadAnOlderProducerStateAsHavingNoTransaction() {
    // Given bytes written before the field existed
    byte[] old =
        ProducerState.newBuilder().setProducerId(9).setProducerEpoch(1).build().toByteArray();
    // When
    ProducerRecord p = ProtoCodec.decodeProducer(old);
    // Then
    assertThat(p.currentTxnFirstOffset()).isEqualTo(ProducerRecord.NO_TXN);
  }

  @Test
  void shouldRoundTripTheAbortedTransactionsOfASegmentAndReadOlderSegmentsWithout() {
    // Given
    SegmentRecord s =
        new SegmentRecord(
            "k",
            null,
            0,
            10,
            5,
            9,
            1,
            3,
            4,
            2,
            false,
            List.of(),
            List.of(new SegmentRecord.AbortedTxn(7, 5, 8)));
    byte[] old = Segment.newBuilder().setObjectKey("k").setLength(1).build().toByteArray();
    // When
    SegmentRecord back = ProtoCodec.decodeSegment(ProtoCodec.encodeSegment(s));
    // Then
    assertThat(back).isEqualTo(s);
    assertThat(ProtoCodec.decodeSegment(old).abortedTxns()).isEmpty();
  }
}
