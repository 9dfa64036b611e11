/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.segment.SegmentIndex.Entry;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the sparse index: encode → decode is identity, lookups match a linear scan. */
class IndexRoundTripProperties {

  @Property
  void decodingAnEncodedIndexGivesBackTheSameEntries(
      @ForAll("sortedEntries") List<Entry> entries, @ForAll @IntRange(min = 0) int interval) {
    // When
    SegmentIndex decoded = SegmentIndex.decode(SegmentIndex.encode(entries, interval));

    // Then
    assertThat(decoded.entries()).isEqualTo(entries);
    assertThat(decoded.interval()).isEqualTo(interval);
  }

  @Property
  void positionForMatchesTheLastEntryAtOrBelowTheOffset(
      @ForAll("sortedEntries") List<Entry> entries, @ForAll("offsets") long offset) {
    // Given
    SegmentIndex index = new SegmentIndex(entries, 100);

    // When
    int position = index.positionFor(offset);

    // Then
    int expected = SegmentFormat.HEADER_SIZE;
    for (Entry e : entries) {
      if (e.offset() <= offset) {
        expected = e.position();
      }
    }
    assertThat(position).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Long> offsets() {
    return Arbitraries.longs().between(0, 100_000);
  }

  /** Random positive steps turned into strictly increasing offsets and positions. */
  @Provide
  Arbitrary<List<Entry>> sortedEntries() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 5000).list().ofMaxSize(50),
            Arbitraries.longs().between(0, 1000))
        .as(
            (steps, first) -> {
              List<Entry> entries = new ArrayList<>();
              long offset = first;
              int position = SegmentFormat.HEADER_SIZE;
              for (int step : steps) {
                entries.add(new Entry(offset, position));
                offset += step;
                position += step * 3;
              }
              return entries;
            });
  }
}
