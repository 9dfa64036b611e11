/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link PartitionLog#endOffsetForEpoch} across owners: what a consumer's truncation check sees.
 */
class PartitionLogEpochTest {

  private final PartitionLogTestContext ctx = new PartitionLogTestContext();

  private static void write(PartitionLog log, int records) {
    log.append(plain(records, 10));
    log.flush().join();
  }

  @Test
  void shouldEndTheOwnEpochAtTheMovingHighWatermark() {
    // Given
    PartitionLog log = ctx.open(LogConfig.defaults(), 2);
    assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 0));
    // When
    write(log, 3);
    write(log, 2);
    // Then
    assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 5));
    assertThat(log.endOffsetForEpoch(3)).isEqualTo(EpochEndOffset.UNDEFINED);
    assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 0));
  }

  @Test
  void shouldEndPreviousOwnersEpochsWhereTheNextOwnerStarted() {
    // Given owners at epochs 1 and 3 wrote offsets 0-3 and 4-5
    PartitionLog first = ctx.open(LogConfig.defaults(), 1);
    write(first, 4);
    first.close();
    PartitionLog second = ctx.reopen(3);
    write(second, 2);
    second.close();
    // When the owner at epoch 5 opens the partition and writes
    PartitionLog third = ctx.reopen(5);
    write(third, 1);
    // Then
    assertThat(third.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 4));
    assertThat(third.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(1, 4));
    assertThat(third.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(3, 6));
    assertThat(third.endOffsetForEpoch(4)).isEqualTo(new EpochEndOffset(3, 6));
    assertThat(third.endOffsetForEpoch(5)).isEqualTo(new EpochEndOffset(5, 7));
    assertThat(third.endOffsetForEpoch(6)).isEqualTo(EpochEndOffset.UNDEFINED);
  }
}
