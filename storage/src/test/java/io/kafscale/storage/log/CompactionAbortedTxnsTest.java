/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compaction outputs inherit the aborted transactions of the segments they replace. */
class CompactionAbortedTxnsTest {

  private static SegmentRef segment(String key, long base, long last, boolean compacted) {
    return new SegmentRef(
        key, null, 0, 100, base, last, 1, 1, 0, 0, compacted, List.of(), List.of());
  }

  @Test
  void shouldGiveEachAbortedTransactionToTheOutputHoldingItsMarker() {
    // Given two inputs with aborted transactions, compacted into two outputs split at offset 15
    AbortedTxn early = new AbortedTxn(1, 2, 8);
    AbortedTxn late = new AbortedTxn(2, 9, 18);
    List<SegmentRef> removed =
        List.of(
            segment("a", 0, 9, false).withAbortedTxns(List.of(early)),
            segment("b", 10, 19, false).withAbortedTxns(List.of(late)));
    List<SegmentRef> added = List.of(segment("c", 0, 14, true), segment("d", 15, 19, true));
    // When
    List<SegmentRef> outputs = LogCompaction.withAbortedTxns(removed, added);
    // Then
    assertThat(outputs.get(0).abortedTxns()).containsExactly(early);
    assertThat(outputs.get(1).abortedTxns()).containsExactly(late);
    assertThat(outputs.get(0).objectKey()).isEqualTo("c");
  }
}
