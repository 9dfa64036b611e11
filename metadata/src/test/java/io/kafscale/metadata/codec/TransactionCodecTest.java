/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TransactionRecord;
import io.kafscale.proto.metadata.v1.TransactionMetadata;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips of transaction coordinator state through its protobuf message. */
class TransactionCodecTest {

  private static TransactionRecord record(TransactionRecord.Status state, short epoch) {
    return new TransactionRecord(
        "tx",
        Long.MAX_VALUE - 1,
        -1L,
        epoch,
        (short) -1,
        900_000,
        state,
        new TreeSet<>(
            Set.of(new PartitionRef("b", 2), new PartitionRef("a", 9), new PartitionRef("b", 0))),
        -1L,
        123L,
        Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @EnumSource(TransactionRecord.Status.class)
  void shouldRoundTripEveryState(TransactionRecord.Status state) {
    // Given
    TransactionRecord original = record(state, Short.MAX_VALUE);
    // When
    TransactionRecord decoded = TransactionCodec.decode(TransactionCodec.encode(original));
    // Then
    assertThat(decoded).isEqualTo(original);
  }

  @Test
  void shouldRejectAnUnspecifiedStateAndAnEpochBeyondAShort() {
    // Given
    byte[] noState = TransactionMetadata.newBuilder().setTransactionalId("x").build().toByteArray();
    byte[] bigEpoch =
        TransactionMetadata.newBuilder()
            .setTransactionalId("x")
            .setProducerEpoch(70_000)
            .setStateValue(1)
            .build()
            .toByteArray();
    // When / Then
    assertThatThrownBy(() -> TransactionCodec.decode(noState))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> TransactionCodec.decode(bigEpoch))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> TransactionCodec.decode(new byte[] {(byte) 0xFF}))
        .isInstanceOf(CorruptValueException.class);
  }
}
