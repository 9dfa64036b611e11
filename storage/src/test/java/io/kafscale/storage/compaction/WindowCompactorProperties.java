/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import static io.kafscale.storage.compaction.CompactionFixtures.batch;
import static io.kafscale.storage.compaction.CompactionFixtures.records;
import static io.kafscale.storage.compaction.CompactionFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.compaction.CompactionFixtures.Loaded;
import io.kafscale.storage.compaction.CompactionFixtures.Rec;
import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.SegmentRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of one compaction over random logs of values and tombstones on a few keys. */
class WindowCompactorProperties {

  /** One record to write: key index (-1 none), value null for a tombstone. */
  record Spec(int key, String value) {}

  /** A segment to write: its batches (each a list of records) and epoch step (0 or 1). */
  record SegSpec(List<List<Spec>> batches, int epochStep) {}

  @Provide
  Arbitrary<List<SegSpec>> logs() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.integers().between(-1, 5),
                Arbitraries.strings().alpha().ofMaxLength(4).injectNull(0.2))
            .as(Spec::new);
    Arbitrary<List<Spec>> batchSpec = spec.list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<SegSpec> seg =
        Combinators.combine(
                batchSpec.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 4).map(i -> i == 0 ? 1 : 0))
            .as(SegSpec::new);
    return seg.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 200)
  void compactionKeepsLatestPerKeyAtItsOffsetAndInventsNothing(
      @ForAll("logs") List<SegSpec> log, @ForAll boolean tinyOutputs) {
    // Given
    List<Loaded> window = new ArrayList<>();
    List<Rec> input = new ArrayList<>();
    long next = 0;
    int epoch = 1;
    for (SegSpec s : log) {
      epoch += s.epochStep();
      List<ByteBuffer> batches = new ArrayList<>();
      for (List<Spec> b : s.batches()) {
        String[] kv = new String[b.size() * 2];
        for (int i = 0; i < b.size(); i++) {
          kv[2 * i] = b.get(i).key() < 0 ? null : "k" + b.get(i).key();
          kv[2 * i + 1] = b.get(i).value();
        }
        batches.add(batch(kv));
      }
      Loaded l = segment(batches, next, epoch);
      window.add(l);
      input.addAll(records(l.view()));
      next = l.ref().lastOffset() + 1;
    }
    CompactionRequest request = new CompactionRequest(0.5, 0, Long.MAX_VALUE, 0, 1 << 20);

    // When
    List<WindowCompactor.Output> out =
        WindowCompactorTest.compact(window, 0, request, 1_000, tinyOutputs ? 1 : 1 << 20);

    // Then outputs cover the input contiguously, recording the epoch of every input they hold
    assertThat(out.getFirst().encoded().baseOffset()).isZero();
    assertThat(out.getLast().encoded().lastOffset()).isEqualTo(next - 1);
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).encoded().baseOffset())
          .isEqualTo(out.get(i - 1).encoded().lastOffset() + 1);
    }
    for (WindowCompactor.Output o : out) {
      for (Loaded l : window) {
        boolean overlaps =
            l.ref().baseOffset() <= o.encoded().lastOffset()
                && l.ref().lastOffset() >= o.encoded().baseOffset();
        if (overlaps) {
          long from = Math.max(l.ref().baseOffset(), o.encoded().baseOffset());
          int recorded = o.epoch();
          if (!o.epochStarts().isEmpty()) {
            for (SegmentRef.EpochStart e : o.epochStarts()) {
              if (e.startOffset() <= from) {
                recorded = e.epoch();
              }
            }
          }
          assertThat(recorded).isEqualTo(l.ref().epoch());
        }
      }
    }
    // and offsets strictly increase, no record is invented, the latest of every key survives
    List<Rec> output = WindowCompactorTest.recordsOf(out);
    for (int i = 1; i < output.size(); i++) {
      assertThat(output.get(i).offset()).isGreaterThan(output.get(i - 1).offset());
    }
    assertThat(new HashSet<>(input)).containsAll(output);
    Map<String, Rec> latest = new HashMap<>();
    for (Rec r : input) {
      if (r.key() != null) {
        latest.put(r.key(), r);
      }
    }
    assertThat(output).containsAll(latest.values());
    // and nothing superseded survives anywhere in the window
    assertThat(output.stream().filter(r -> r.key() != null).map(Rec::key)).doesNotHaveDuplicates();
    Set<Long> keyless = new HashSet<>();
    input.stream().filter(r -> r.key() == null).forEach(r -> keyless.add(r.offset()));
    assertThat(output.stream().map(Rec::offset).toList()).containsAll(keyless);
  }
}
