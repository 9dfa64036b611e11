/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.segment.SegmentIndex.Entry;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentIndexTest {

  private final List<Entry> entries =
      List.of(new Entry(100, 32), new Entry(150, 4000), new Entry(300, 9000));

  @Test
  void shouldFindThePositionOfTheLastEntryAtOrBelowAnOffset() {
    // Given
    SegmentIndex index = SegmentIndex.decode(SegmentIndex.encode(entries, 4096));

    // Then
    assertThat(index.positionFor(99)).isEqualTo(32);
    assertThat(index.positionFor(100)).isEqualTo(32);
    assertThat(index.positionFor(149)).isEqualTo(32);
    assertThat(index.positionFor(150)).isEqualTo(4000);
    assertThat(index.positionFor(299)).isEqualTo(4000);
    assertThat(index.positionFor(Long.MAX_VALUE)).isEqualTo(9000);
    assertThat(index.interval()).isEqualTo(4096);
  }

  @Test
  void shouldPointAtTheFirstBatchWhenTheIndexIsEmpty() {
    assertThat(SegmentIndex.decode(SegmentIndex.encode(List.of(), 1)).positionFor(5)).isEqualTo(32);
  }

  @Test
  void shouldRejectABadMagic() {
    ByteBuffer bytes = SegmentIndex.encode(entries, 1);
    bytes.put(0, (byte) 'J');
    assertThatThrownBy(() -> SegmentIndex.decode(bytes))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void shouldRejectAnUnknownVersion() {
    ByteBuffer bytes = SegmentIndex.encode(entries, 1);
    bytes.putShort(4, (short) 7);
    assertThatThrownBy(() -> SegmentIndex.decode(bytes))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("version");
  }

  @Test
  void shouldRejectAnEntryCountThatDoesNotMatchTheSize() {
    ByteBuffer bytes = SegmentIndex.encode(entries, 1);
    ByteBuffer truncated = bytes.limit(bytes.limit() - 1);
    assertThatThrownBy(() -> SegmentIndex.decode(truncated))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("entries");
    assertThatThrownBy(() -> SegmentIndex.decode(ByteBuffer.allocate(8)))
        .isInstanceOf(CorruptSegmentException.class);
  }

  @Test
  void shouldRejectUnsortedEntries() {
    ByteBuffer bytes = SegmentIndex.encode(entries, 1);
    bytes.putLong(16 + 12, 50);
    assertThatThrownBy(() -> SegmentIndex.decode(bytes))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("increasing");
  }
}
