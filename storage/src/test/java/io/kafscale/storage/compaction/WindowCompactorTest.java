/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import static io.kafscale.storage.compaction.CompactionFixtures.KAFKA;
import static io.kafscale.storage.compaction.CompactionFixtures.batch;
import static io.kafscale.storage.compaction.CompactionFixtures.records;
import static io.kafscale.storage.compaction.CompactionFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.compaction.CompactionFixtures.Loaded;
import io.kafscale.storage.compaction.CompactionFixtures.Rec;
import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.segment.SegmentReader;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class WindowCompactorTest {

  private static final long NOW = 1_000_000;
  private static final CompactionRequest REQUEST =
      new CompactionRequest(0.5, 0, Long.MAX_VALUE, 10_000, 1 << 20);

  /** Runs one compaction over {@code window} (the first {@code firstDirty} already compacted). */
  static List<WindowCompactor.Output> compact(
      List<Loaded> window, int firstDirty, CompactionRequest request, long now, int maxOut) {
    return compact(window, firstDirty, true, request, now, maxOut);
  }

  static List<WindowCompactor.Output> compact(
      List<Loaded> window,
      int firstDirty,
      boolean startsLog,
      CompactionRequest request,
      long now,
      int maxOut) {
    CompactionWindow w =
        new CompactionWindow(window.stream().map(Loaded::ref).toList(), firstDirty, startsLog);
    KeyOffsetMap keys = new KeyOffsetMap(1 << 20);
    for (Loaded l : window) {
      assertThat(WindowCompactor.index(l.view(), keys, KAFKA)).isTrue();
    }
    WindowCompactor c = new WindowCompactor(w, keys, KAFKA, request, now, maxOut, 0);
    List<WindowCompactor.Output> out = new ArrayList<>();
    for (Loaded l : window) {
      out.addAll(c.rewrite(l.ref(), l.view()));
    }
    assertThat(c.done()).isTrue();
    return out;
  }

  static List<Rec> recordsOf(List<WindowCompactor.Output> outputs) {
    List<Rec> out = new ArrayList<>();
    for (WindowCompactor.Output o : outputs) {
      out.addAll(records(SegmentReader.parse(o.encoded().segment().duplicate())));
    }
    return out;
  }

  @Test
  void shouldKeepOnlyTheLatestRecordPerKeyAtItsOriginalOffset() {
    // Given
    List<Loaded> window =
        List.of(
            segment(List.of(batch("a", "1", "b", "1")), 0, 1),
            segment(List.of(batch("a", "2"), batch("c", "1")), 2, 1),
            segment(List.of(batch("b", "2")), 4, 1));
    // When
    List<WindowCompactor.Output> out = compact(window, 0, REQUEST, NOW, 1 << 20);
    // Then
    assertThat(recordsOf(out))
        .containsExactly(new Rec(2, "a", "2"), new Rec(3, "c", "1"), new Rec(4, "b", "2"));
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().encoded().baseOffset()).isZero();
    assertThat(out.getFirst().encoded().lastOffset()).isEqualTo(4);
  }

  @Test
  void shouldKeepCompressedBatchesCompressedWhenFilteringThem() {
    // Given
    List<Loaded> window =
        List.of(
            segment(List.of(batch(Compression.zstd().build(), "a", "1", "b", "1")), 0, 1),
            segment(List.of(batch("a", "2")), 2, 1));
    // When
    List<WindowCompactor.Output> out = compact(window, 0, REQUEST, NOW, 1 << 20);
    // Then
    SegmentView view = SegmentReader.parse(out.getFirst().encoded().segment().duplicate());
    assertThat(view.batches().getFirst().compressionCodecId()).isEqualTo(4);
    assertThat(records(view)).containsExactly(new Rec(1, "b", "1"), new Rec(2, "a", "2"));
  }

  @Test
  void shouldKeepTombstonesUntilTheyStayedInACompactedSegmentForDeleteRetention() {
    // Given a tombstone in an already compacted segment written at t=0
    Loaded compacted = segment(List.of(batch("a", null), batch("b", "1")), 0, 1, true, 0);
    Loaded dirty = segment(List.of(batch("c", "1")), 2, 1);
    // When compacting before and after delete.retention.ms passed
    List<Rec> early = recordsOf(compact(List.of(compacted, dirty), 1, REQUEST, 5_000, 1 << 20));
    List<Rec> late = recordsOf(compact(List.of(compacted, dirty), 1, REQUEST, 10_000, 1 << 20));
    // Then
    assertThat(early).contains(new Rec(0, "a", null));
    assertThat(late).doesNotContain(new Rec(0, "a", null)).contains(new Rec(1, "b", "1"));
  }

  @Test
  void shouldKeepExpiredTombstonesWhenSegmentsPrecedeTheWindow() {
    // Given an expired tombstone, but the window does not start the log
    Loaded compacted = segment(List.of(batch("a", null), batch("b", "1")), 0, 1, true, 0);
    Loaded dirty = segment(List.of(batch("c", "1")), 2, 1);
    // When
    List<Rec> out =
        recordsOf(compact(List.of(compacted, dirty), 1, false, REQUEST, 1_000_000, 1 << 20));
    // Then an older value of "a" before the window stays hidden
    assertThat(out).contains(new Rec(0, "a", null));
  }

  @Test
  void shouldKeepDirtyTombstonesThatAreLatest() {
    // Given
    List<Loaded> window =
        List.of(
            segment(List.of(batch("a", "1"), batch("a", null)), 0, 1, false, 0),
            segment(List.of(batch("z", "1")), 2, 1));
    // When
    List<Rec> out = recordsOf(compact(window, 0, REQUEST, 1_000_000_000, 1 << 20));
    // Then
    assertThat(out).containsExactly(new Rec(1, "a", null), new Rec(2, "z", "1"));
  }

  @Test
  void shouldAlwaysKeepControlBatchesAndRecordsWithoutKey() {
    // Given
    ByteBuffer marker =
        MemoryRecords.withEndTransactionMarker(
                7L, (short) 0, new EndTransactionMarker(ControlRecordType.COMMIT, 0))
            .buffer();
    List<Loaded> window =
        List.of(
            segment(List.of(batch("a", "1"), marker, batch((String) null, "x")), 0, 1),
            segment(List.of(batch("a", "2")), 3, 1));
    // When
    List<WindowCompactor.Output> out = compact(window, 0, REQUEST, NOW, 1 << 20);
    // Then
    SegmentView view = SegmentReader.parse(out.getFirst().encoded().segment().duplicate());
    assertThat(view.batches()).anyMatch(h -> h.isControl() && h.baseOffset() == 1);
    assertThat(records(view)).containsExactly(new Rec(2, null, "x"), new Rec(3, "a", "2"));
  }

  @Test
  void shouldLetOutputsSpanEpochsAndKeepAnEmptyHeaderWhereAnEpochRunEnds() {
    // Given two epoch runs, the first entirely superseded
    List<Loaded> window =
        List.of(
            segment(List.of(batch("a", "1")), 0, 1),
            segment(List.of(batch("a", "2")), 1, 1),
            segment(List.of(batch("a", "3")), 2, 2),
            segment(List.of(batch("a", "4")), 3, 2));
    // When
    List<WindowCompactor.Output> out = compact(window, 0, REQUEST, NOW, 1 << 20);
    // Then one output records where each epoch starts
    assertThat(out).hasSize(1);
    WindowCompactor.Output only = out.getFirst();
    assertThat(only.epoch()).isEqualTo(2);
    assertThat(only.epochStarts())
        .containsExactly(new SegmentRef.EpochStart(1, 0), new SegmentRef.EpochStart(2, 2));
    assertThat(only.encoded().baseOffset()).isZero();
    assertThat(only.encoded().lastOffset()).isEqualTo(3);
    assertThat(recordsOf(out)).containsExactly(new Rec(3, "a", "4"));
    // and the last batch of epoch 1, superseded, stays as a zero-record header over its offsets
    SegmentView view = SegmentReader.parse(only.encoded().segment().duplicate());
    assertThat(view.batches())
        .extracting(h -> h.baseOffset() + ":" + h.recordCount())
        .containsExactly("1:0", "3:1");
  }

  @Test
  void shouldRemoveRecordsSupersededInALaterCompactedSegment() {
    // Given two compacted segments holding values of the same key
    Loaded older = segment(List.of(batch("a", "1"), batch("b", "1")), 0, 1, true, 0);
    Loaded newer = segment(List.of(batch("a", "2")), 2, 2, true, 0);
    Loaded dirty = segment(List.of(batch("c", "1")), 3, 2);
    // When
    List<Rec> out = recordsOf(compact(List.of(older, newer, dirty), 2, REQUEST, NOW, 1 << 20));
    // Then
    assertThat(out)
        .containsExactly(new Rec(1, "b", "1"), new Rec(2, "a", "2"), new Rec(3, "c", "1"));
  }

  @Test
  void shouldDropAnExpiredTombstoneOnlyWithEveryOlderValueOfItsKey() {
    // Given an old value and an expired tombstone of "a" in two compacted segments
    Loaded older = segment(List.of(batch("a", "1")), 0, 1, true, 0);
    Loaded newer = segment(List.of(batch("a", null), batch("b", "1")), 1, 2, true, 0);
    Loaded dirty = segment(List.of(batch("c", "1")), 3, 2);
    // When
    List<Rec> out = recordsOf(compact(List.of(older, newer, dirty), 2, REQUEST, NOW, 1 << 20));
    // Then
    assertThat(out).containsExactly(new Rec(2, "b", "1"), new Rec(3, "c", "1"));
  }

  @Test
  void shouldNeverDropATombstoneWhoseKeyHasATransactionalRecordInTheWindow() {
    // Given an expired tombstone of "a" and a later transactional record of "a"
    Loaded compacted = segment(List.of(batch("a", null), batch("b", "1")), 0, 1, true, 0);
    ByteBuffer transactional =
        MemoryRecords.withTransactionalRecords(
                Compression.NONE,
                7L,
                (short) 0,
                0,
                new SimpleRecord(1000L, "a".getBytes(), "t".getBytes()))
            .buffer();
    Loaded dirty = segment(List.of(transactional), 2, 1);
    // When
    List<Rec> out = recordsOf(compact(List.of(compacted, dirty), 1, REQUEST, NOW, 1 << 20));
    // Then the tombstone stays (the transaction may abort) and hides nothing it should not
    assertThat(out)
        .containsExactly(new Rec(0, "a", null), new Rec(1, "b", "1"), new Rec(2, "a", "t"));
  }

  @Test
  void shouldSplitCompactedFromDirtyInputsAndKeepTheNewestCompactedCreationTime() {
    // Given compacted segments written at t=100 and t=200, then a dirty one
    Loaded first = segment(List.of(batch("a", "1")), 0, 1, true, 100);
    Loaded second = segment(List.of(batch("b", "1")), 1, 1, true, 200);
    Loaded dirty = segment(List.of(batch("c", "1")), 2, 1);
    // When
    List<WindowCompactor.Output> out =
        compact(List.of(first, second, dirty), 2, REQUEST, NOW, 1 << 20);
    // Then
    assertThat(out).extracting(WindowCompactor.Output::createdAtMs).containsExactly(200L, NOW);
    assertThat(out.get(0).encoded().lastOffset()).isEqualTo(1);
    assertThat(out.get(1).encoded().baseOffset()).isEqualTo(2);
  }

  @Test
  void shouldSplitOutputsAtTheSizeLimitWithContiguousRanges() {
    // Given distinct keys, so every record stays
    List<ByteBuffer> batches = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batches.add(batch("k" + i, "v"));
    }
    List<Loaded> window = List.of(segment(batches, 100, 1));
    int batchSize = batches.getFirst().remaining();
    // When outputs hold at most three batches
    List<WindowCompactor.Output> out = compact(window, 0, REQUEST, NOW, 3 * batchSize);
    // Then
    assertThat(out).hasSize(4);
    long next = 100;
    for (WindowCompactor.Output o : out) {
      assertThat(o.encoded().baseOffset()).isEqualTo(next);
      next = o.encoded().lastOffset() + 1;
    }
    assertThat(next).isEqualTo(110);
  }
}
