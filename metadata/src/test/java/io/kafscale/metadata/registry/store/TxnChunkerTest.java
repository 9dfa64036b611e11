/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.store.Op;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TxnChunkerTest {

  @Test
  void shouldCutChunksAtTheOpLimitKeepingOrder() {
    // Given
    List<Op> ops = IntStream.range(0, 10).mapToObj(i -> Op.delete("k" + i)).toList();
    // When
    List<List<Op>> chunks = TxnChunker.chunk(ops, 4, 1_000);
    // Then
    assertThat(chunks).extracting(List::size).containsExactly(4, 4, 2);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ops);
  }

  @Test
  void shouldCutChunksAtTheByteLimitButKeepAnOversizedOpAlone() {
    // Given ops of 1 + 100 bytes, and one of 1 + 500 bytes
    Op small1 = Op.put("a", new byte[100]);
    Op small2 = Op.put("b", new byte[100]);
    Op big = Op.put("c", new byte[500]);
    Op small3 = Op.put("d", new byte[100]);
    // When
    List<List<Op>> chunks = TxnChunker.chunk(List.of(small1, small2, big, small3), 10, 250);
    // Then
    assertThat(chunks).containsExactly(List.of(small1, small2), List.of(big), List.of(small3));
  }

  @Test
  void shouldReturnNoChunkForNoOps() {
    assertThat(TxnChunker.chunk(List.of(), 4, 10)).isEmpty();
  }

  @Test
  void shouldRejectNonPositiveLimits() {
    assertThatThrownBy(() -> TxnChunker.chunk(List.of(), 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
