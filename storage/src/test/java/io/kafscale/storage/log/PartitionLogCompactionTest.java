/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.compaction.CompactionFixtures.batch;
import static io.kafscale.storage.log.PartitionLogTest.assertFailsWith;
import static io.kafscale.storage.log.PartitionLogTestContext.PARTITION;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionFixtures;
import io.kafscale.storage.compaction.CompactionFixtures.Rec;
import io.kafscale.storage.compaction.CompactionLimits;
import io.kafscale.storage.compaction.WindowCompactor;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.kafscale.storage.segment.EncodedSegment;
import io.kafscale.storage.segment.SegmentEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

/** Log compaction of a partition log: window, rewrite, fenced swap, reads around it. */
class PartitionLogCompactionTest {

  private static final CompactionRequest REQUEST =
      new CompactionRequest(0.01, 0, Long.MAX_VALUE, 60_000, 1 << 20);

  private final PartitionLogTestContext ctx = new PartitionLogTestContext();

  private static void segment(PartitionLog log, String... keyValues) {
    log.append(batch(keyValues));
    log.flush().join();
  }

  /** Every record a consumer reading from the log start sees, skipping records below its offset. */
  static List<Rec> readAll(PartitionLog log) {
    List<Rec> out = new ArrayList<>();
    long offset = log.logStartOffset();
    while (offset < log.highWatermark()) {
      List<ByteBuffer> batches = log.read(offset, 100, true).join().batches();
      assertThat(batches).as("fetch at %d", offset).isNotEmpty();
      for (ByteBuffer b : batches) {
        for (Rec r : CompactionFixtures.records(b)) {
          if (r.offset() >= offset) {
            out.add(r);
          }
        }
        for (RecordBatch rb : MemoryRecords.readableRecords(b.duplicate()).batches()) {
          offset = Math.max(offset, rb.lastOffset() + 1);
        }
      }
    }
    return out;
  }

  @Test
  void shouldKeepTheLatestValuePerKeyAtItsOriginalOffset() {
    // Given
    PartitionLog log = ctx.open();
    segment(log, "a", "1", "b", "1");
    segment(log, "a", "2");
    segment(log, "c", "1");
    segment(log, "b", "2");
    List<SegmentRef> before = ctx.committer.segments(PARTITION);
    // When
    CompactionResult result = log.compact(REQUEST).join();
    // Then
    assertThat(result.replaced()).isEqualTo(before);
    assertThat(result.added()).allMatch(SegmentRef::compacted);
    assertThat(result.added().getFirst().createdAtMs()).isEqualTo(ctx.scheduler.clock().millis());
    assertThat(ctx.committer.segments(PARTITION)).isEqualTo(result.added());
    assertThat(result.recordsRead()).isEqualTo(5);
    assertThat(result.recordsKept()).isEqualTo(3);
    assertThat(result.bytesAfter()).isLessThan(result.bytesBefore());
    assertThat(readAll(log))
        .containsExactly(new Rec(2, "a", "2"), new Rec(3, "c", "1"), new Rec(4, "b", "2"));
    assertThat(log.highWatermark()).isEqualTo(5);
    assertThat(log.logStartOffset()).isZero();
    // A fetch inside the gap gets the next batch
    assertThat(CompactionFixtures.records(log.read(0, 1, true).join().batches().getFirst()))
        .containsExactly(new Rec(2, "a", "2"));
    assertThat(log.firstBatchWithTimestampAtLeast(0).join()).isPresent();
    // A new owner reads the same
    assertThat(readAll(ctx.reopen(1))).hasSize(3);
  }

  @Test
  void shouldKeepTombstonesThenRemoveThemAfterDeleteRetention() {
    // Given
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", null);
    segment(log, "b", "1");
    log.compact(REQUEST).join();
    segment(log, "c", "1");
    // When compacting again before delete.retention.ms passed
    log.compact(REQUEST).join();
    // Then
    assertThat(readAll(log)).contains(new Rec(1, "a", null));
    // When it passed
    ctx.advance(Duration.ofSeconds(61));
    segment(log, "d", "1");
    CompactionResult result = log.compact(REQUEST).join();
    // Then
    assertThat(result.compacted()).isTrue();
    assertThat(readAll(log))
        .containsExactly(new Rec(2, "b", "1"), new Rec(3, "c", "1"), new Rec(4, "d", "1"));
  }

  @Test
  void shouldMoveTheMaxTimestampWhenItsRecordWasCompactedAway() {
    // Given the largest timestamp on a record that a later one supersedes
    PartitionLog log = ctx.open();
    log.append(
        MemoryRecords.withRecords(
                Compression.NONE, new SimpleRecord(9_000L, "a".getBytes(), "1".getBytes()))
            .buffer());
    log.flush().join();
    segment(log, "a", "2");
    segment(log, "b", "1");
    assertThat(log.maxTimestamp().orElseThrow().timestamp()).isEqualTo(9_000);
    // When
    log.compact(REQUEST).join();
    // Then
    assertThat(log.maxTimestamp().orElseThrow()).isEqualTo(new TimestampedOffset(1, 1_000));
    assertThat(log.firstBatchWithTimestampAtLeast(5_000).join()).isEmpty();
  }

  @Test
  void shouldNotReportTheTimestampOfARecordLeftOnlyAsAnEmptyHeader() {
    // Given the largest timestamp on the last batch of epoch 1, superseded in epoch 2
    ctx.committer.bumpEpoch(PARTITION, 1);
    PartitionLog first = ctx.open();
    first.append(
        MemoryRecords.withRecords(
                Compression.NONE, new SimpleRecord(9_000L, "a".getBytes(), "1".getBytes()))
            .buffer());
    first.flush().join();
    PartitionLog log = writeAsEpoch(2, "a", "2", "b", "1");
    // When
    log.compact(REQUEST).join();
    // Then neither this owner nor the next answers the removed record's timestamp
    assertThat(log.maxTimestamp().orElseThrow().timestamp()).isEqualTo(1_000);
    PartitionLog next = ctx.reopen(3);
    assertThat(next.maxTimestamp().orElseThrow().timestamp()).isEqualTo(1_000);
    assertThat(next.firstBatchWithTimestampAtLeast(5_000).join()).isEmpty();
  }

  @Test
  void shouldFailWithNotOwnerAndLeaveTheLogUnchangedWhenTheSwapIsFenced() {
    // Given
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", "2");
    List<SegmentRef> before = ctx.committer.segments(PARTITION);
    List<Rec> records = readAll(log);
    ctx.committer.bumpEpoch(PARTITION, 2);
    // When
    CompletableFuture<CompactionResult> result = log.compact(REQUEST);
    // Then
    assertFailsWith(result, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
    assertThat(ctx.committer.segments(PARTITION)).isEqualTo(before);
    assertThat(readAll(log)).isEqualTo(records);
  }

  @Test
  void shouldAbortWhenRetentionTrimmedTheWindowDuringTheCompaction() {
    // Given a rewriter that lets retention trim the log while the compaction reads it
    AtomicReference<PartitionLog> target = new AtomicReference<>();
    AtomicBoolean trimmed = new AtomicBoolean();
    BatchRewriter racing =
        new BatchRewriter() {
          @Override
          public void scan(ByteBuffer b, RecordSink sink) {
            if (target.get() != null && trimmed.compareAndSet(false, true)) {
              target.get().trim(new TrimRequest.DeleteBefore(1)).join();
            }
            CompactionFixtures.KAFKA.scan(b, sink);
          }

          @Override
          public ByteBuffer retain(ByteBuffer b, LongPredicate keep) {
            return CompactionFixtures.KAFKA.retain(b, keep);
          }

          @Override
          public ByteBuffer emptyHeader(ByteBuffer b) {
            return CompactionFixtures.KAFKA.emptyHeader(b);
          }
        };
    ctx.rewriter(racing);
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", "2");
    segment(log, "b", "1");
    int objectsBefore = ctx.store.size();
    target.set(log);
    // When
    CompletableFuture<CompactionResult> result = log.compact(REQUEST);
    // Then
    assertFailsWith(result, Reason.FLUSH_FAILED);
    assertThat(result.handle((r, e) -> e.getCause().getMessage()).join()).contains("segment-");
    assertThat(ctx.committer.replaceCalls()).isZero();
    assertThat(ctx.store.size()).isGreaterThan(objectsBefore);
    assertThat(log.logStartOffset()).isEqualTo(1);
    assertThat(readAll(log)).containsExactly(new Rec(1, "a", "2"), new Rec(2, "b", "1"));
    assertThat(log.isOpen()).isTrue();
  }

  @Test
  void shouldServeReadsDuringAndAfterTheSwapAndHoldFlushesMeanwhile() {
    // Given a swap whose commit is slow
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", "2");
    segment(log, "b", "1");
    List<SegmentRef> old = ctx.committer.segments(PARTITION);
    CompletableFuture<Void> hold = ctx.committer.holdNextReplace();
    CompletableFuture<CompactionResult> result = log.compact(REQUEST);
    // When a produce arrives during the swap
    CompletableFuture<AppendResult> appended = log.append(batch("c", "1"));
    CompletableFuture<Void> flushed = log.flush();
    // Then reads see the old segments and the flush waits for the swap
    assertThat(result).isNotDone();
    assertThat(readAll(log)).hasSize(3);
    assertThat(flushed).isNotDone();
    // When the swap commits
    hold.complete(null);
    // Then
    assertThat(result.join().compacted()).isTrue();
    flushed.join();
    assertThat(appended.join().baseOffset()).isEqualTo(3);
    assertThat(readAll(log))
        .containsExactly(new Rec(1, "a", "2"), new Rec(2, "b", "1"), new Rec(3, "c", "1"));
    // and the replaced objects are still there for readers of the old references
    assertThat(ctx.store.get(old.getFirst().objectKey()).join().remaining()).isPositive();
  }

  /** OffsetForLeaderEpoch answers of a new owner at epoch {@code ownEpoch} for epochs 0..8. */
  private List<EpochEndOffset> epochAnswers(int ownEpoch) {
    PartitionLog reader = ctx.reopen(ownEpoch);
    List<EpochEndOffset> answers = new ArrayList<>();
    for (int e = 0; e <= 8; e++) {
      answers.add(reader.endOffsetForEpoch(e));
    }
    return answers;
  }

  /** Appends one segment per key/value pair as the owner of {@code epoch}. */
  private PartitionLog writeAsEpoch(int epoch, String... keyValues) {
    ctx.committer.bumpEpoch(PARTITION, epoch);
    PartitionLog log = ctx.reopen(epoch);
    for (int i = 0; i < keyValues.length; i += 2) {
      segment(log, keyValues[i], keyValues[i + 1]);
    }
    return log;
  }

  @Test
  void shouldAnswerOffsetForLeaderEpochAsBeforeWhenOutputsSpanSeveralEpochs() {
    // Given four owner epochs (with a gap: epoch 4 wrote nothing), each superseding keys
    writeAsEpoch(1, "a", "1", "b", "1");
    writeAsEpoch(2, "a", "2", "c", "1");
    writeAsEpoch(3, "a", "3", "b", "2");
    PartitionLog log = writeAsEpoch(5, "a", "4", "c", "2");
    List<EpochEndOffset> before = epochAnswers(6);
    log = ctx.reopen(5);
    // When
    CompactionResult result = log.compact(REQUEST).join();
    // Then one output spans the epochs, recording where each starts
    assertThat(result.added()).hasSize(1);
    assertThat(result.added().getFirst().epoch()).isEqualTo(5);
    assertThat(result.added().getFirst().epochStarts())
        .extracting(SegmentRef.EpochStart::epoch)
        .containsExactly(1, 2, 3, 5);
    assertThat(epochAnswers(6)).isEqualTo(before);
    assertThat(readAll(ctx.reopen(6)))
        .containsExactly(new Rec(5, "b", "2"), new Rec(6, "a", "4"), new Rec(7, "c", "2"));
    // And after compacting the compacted segment again with new data of a later epoch
    log = writeAsEpoch(7, "d", "1");
    before = epochAnswers(8);
    log = ctx.reopen(7);
    assertThat(log.compact(REQUEST).join().compacted()).isTrue();
    assertThat(epochAnswers(8)).isEqualTo(before);
  }

  @Test
  void shouldKeepTheSegmentCountBoundedAndStillDropTombstonesAcrossManyEpochs() {
    // Given a tombstone, then forty owner changes each writing a little and compacting
    PartitionLog log = writeAsEpoch(1, "gone", "1", "gone", null);
    for (int epoch = 2; epoch <= 41; epoch++) {
      log = writeAsEpoch(epoch, "k" + (epoch % 3), "v" + epoch);
      log.compact(REQUEST).join();
      ctx.advance(Duration.ofSeconds(2));
      // Then the log never grows by a segment per epoch
      assertThat(ctx.committer.segments(PARTITION))
          .as("epoch %d", epoch)
          .hasSizeLessThanOrEqualTo(WindowCompactor.GENERATIONS + 3);
    }
    // and the window still starts the log, so the expired tombstone went
    assertThat(readAll(log)).extracting(Rec::key).doesNotContain("gone");
  }

  @Test
  void shouldNotBringBackAValueFromTheLastBatchOfAnEpochWhenItsTombstoneExpires() {
    // Given epoch 1 ends with a=1 and epoch 2 deletes a
    writeAsEpoch(1, "a", "1");
    PartitionLog log = writeAsEpoch(2, "a", null, "b", "1");
    log.compact(REQUEST).join();
    // When delete.retention.ms passed and a later compaction drops the tombstone
    ctx.advance(Duration.ofSeconds(61));
    segment(log, "c", "1");
    assertThat(log.compact(REQUEST).join().compacted()).isTrue();
    // Then the deleted key stays deleted
    assertThat(readAll(log)).containsExactly(new Rec(2, "b", "1"), new Rec(3, "c", "1"));
    assertThat(readAll(ctx.reopen(2))).extracting(Rec::key).doesNotContain("a");
  }

  @Test
  void shouldExpireTombstonesOnAnActiveTopic() {
    // Given a tombstone, then a new segment and a compaction every 20 seconds
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", null);
    log.compact(REQUEST).join();
    long compactedAt = ctx.scheduler.clock().millis();
    ctx.advance(Duration.ofSeconds(20));
    segment(log, "k", "0");
    log.compact(REQUEST).join();
    // Then an output of compacted inputs only keeps its inputs' creation time
    assertThat(ctx.committer.segments(PARTITION).getFirst().createdAtMs()).isEqualTo(compactedAt);
    assertThat(ctx.committer.segments(PARTITION).getLast().createdAtMs())
        .isEqualTo(ctx.scheduler.clock().millis());
    // When compactions go on
    for (int i = 1; i < 4; i++) {
      ctx.advance(Duration.ofSeconds(20));
      segment(log, "k", String.valueOf(i));
      log.compact(REQUEST).join();
    }
    // Then the tombstone, 80 s in a compacted segment, is gone
    assertThat(readAll(log)).extracting(Rec::key).containsExactly("k");
  }

  @Test
  void shouldFailTheSwapWhenTheCompactionOutlivedItsMaximumDuration() {
    // Given outputs of one batch each and a clock moving 400 ms per batch read
    ManualScheduler.ManualClock clock = (ManualScheduler.ManualClock) ctx.scheduler.clock();
    BatchRewriter slow =
        new BatchRewriter() {
          @Override
          public void scan(ByteBuffer b, RecordSink sink) {
            clock.now += 400;
            CompactionFixtures.KAFKA.scan(b, sink);
          }

          @Override
          public ByteBuffer retain(ByteBuffer b, LongPredicate keep) {
            return CompactionFixtures.KAFKA.retain(b, keep);
          }

          @Override
          public ByteBuffer emptyHeader(ByteBuffer b) {
            return CompactionFixtures.KAFKA.emptyHeader(b);
          }
        };
    ctx.rewriter(slow).compactionLimits(CompactionLimits.DEFAULTS.withMaxDurationMs(1_000));
    PartitionLog log = ctx.open();
    for (int i = 0; i < 6; i++) {
      segment(log, "k" + i, "v");
    }
    List<SegmentRef> before = ctx.committer.segments(PARTITION);
    // When
    CompletableFuture<CompactionResult> result =
        log.compact(new CompactionRequest(0.01, 0, Long.MAX_VALUE, 60_000, 100));
    // Then its outputs may already be collected: nothing is swapped, the log stays open
    assertFailsWith(result, Reason.FLUSH_FAILED);
    assertThat(ctx.committer.replaceCalls()).isZero();
    assertThat(ctx.committer.segments(PARTITION)).isEqualTo(before);
    assertThat(log.isOpen()).isTrue();
  }

  @Test
  void shouldStopTheLogWhenTheSwapAppliedButItsAnswerWasLost() {
    // Given a swap that is applied but answers a failure
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", "2");
    ctx.committer.loseNextReplaceAnswers(1);
    // When
    CompletableFuture<CompactionResult> result = log.compact(REQUEST);
    // Then the log stops rather than serve references the store no longer holds
    assertFailsWith(result, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
    // and the owner's reload sees the swap
    PartitionLog reloaded = ctx.reopen(1);
    assertThat(reloaded.segments()).allMatch(SegmentRef::compacted);
    assertThat(readAll(reloaded)).containsExactly(new Rec(1, "a", "2"));
  }

  @Test
  void shouldStopTheLogWhenTheSwapOutcomeIsUnknown() {
    // Given
    PartitionLog log = ctx.open();
    segment(log, "a", "1");
    segment(log, "a", "2");
    ctx.committer.failNextReplaces(1);
    // When
    CompletableFuture<CompactionResult> result = log.compact(REQUEST);
    // Then
    assertFailsWith(result, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
    assertThat(readAll(ctx.reopen(1))).containsExactly(new Rec(0, "a", "1"), new Rec(1, "a", "2"));
  }

  @Test
  void shouldRemoveValuesSupersededAcrossCompactedSegments() {
    // Given two compacted segments both holding "a" (and an old tombstone of "b"), then new data
    EncodedSegment first =
        SegmentEncoder.encode(List.of(batch("a", "1"), batch("b", "1")), 0, 0, 0);
    EncodedSegment second =
        SegmentEncoder.encode(List.of(batch("a", "2"), batch("b", null)), 2, 0, 0);
    ctx.store.put("first", first.segment().duplicate()).join();
    ctx.store.put("second", second.segment().duplicate()).join();
    ctx.committer.commit(PARTITION, 1, ref("first", first, true), List.of()).join();
    ctx.committer.commit(PARTITION, 1, ref("second", second, true), List.of()).join();
    PartitionLog log = ctx.open();
    ctx.advance(Duration.ofSeconds(61));
    segment(log, "c", "1");
    // When
    log.compact(REQUEST).join();
    // Then no older value survives, nor the expired tombstone with it
    assertThat(readAll(log)).containsExactly(new Rec(2, "a", "2"), new Rec(4, "c", "1"));
  }

  @Test
  void shouldBoundOneSwapToAboutAHundredSegments() {
    // Given 150 dirty segments
    PartitionLog log = ctx.open();
    for (int i = 0; i < 150; i++) {
      segment(log, "k" + (i % 7), "v" + i);
    }
    // When
    CompactionResult first = log.compact(REQUEST).join();
    CompactionResult second = log.compact(REQUEST).join();
    // Then
    assertThat(first.replaced()).hasSize(50);
    assertThat(first.replaced().size() + first.added().size()).isLessThanOrEqualTo(100);
    assertThat(second.replaced().getFirst()).isEqualTo(first.added().getLast());
    assertThat(readAll(log))
        .extracting(Rec::offset)
        .contains(143L, 144L, 145L, 146L, 147L, 148L, 149L);
  }

  @Test
  void shouldCompactOnTheFactorysOwnCompactionThread() throws Exception {
    // Given a factory with real storage threads and its own compaction thread
    InMemorySegmentCommitter committer = new InMemorySegmentCommitter();
    try (PartitionLogFactory factory =
            new PartitionLogFactory(
                    new InMemoryObjectStore(),
                    committer,
                    new StorageConfig("ns", 1 << 20, Duration.ofMillis(5), 16 << 20, 4096),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry())
                .withBatchRewriter(CompactionFixtures.KAFKA);
        PartitionLog log =
            factory.open(PARTITION, 1, LogConfig.defaults(), committer.recovered(PARTITION))) {
      segment(log, "a", "1");
      segment(log, "a", "2");
      // When
      CompactionResult result = log.compact(REQUEST).get(20, TimeUnit.SECONDS);
      // Then
      assertThat(result.compacted()).isTrue();
      assertThat(readAll(log)).containsExactly(new Rec(1, "a", "2"));
    }
  }

  @Test
  void shouldReturnNoneWhenNothingIsDue() {
    // Given an empty log
    PartitionLog log = ctx.open();
    // When / Then
    assertThat(log.compact(REQUEST).join()).isEqualTo(CompactionResult.none());
    // Given a fully compacted log
    segment(log, "a", "1");
    segment(log, "a", "2");
    log.compact(REQUEST).join();
    // When / Then
    assertThat(log.compact(REQUEST).join().compacted()).isFalse();
    assertThat(ctx.committer.replaceCalls()).isEqualTo(1);
  }

  @Test
  void shouldReadTheNextSegmentWhenFetchingInsideATrailingGap() {
    // Given a compacted segment covering [0, 5] whose only batch is at offset 0, then [6]
    EncodedSegment gapped =
        SegmentEncoder.encodeWithGaps(
            List.of(CompactionFixtures.segment(List.of(batch("a", "1")), 0, 1).view().batch(0)),
            0,
            5,
            0,
            0);
    EncodedSegment next = SegmentEncoder.encode(List.of(batch("b", "1")), 6, 0, 0);
    ctx.store.put("gapped", gapped.segment().duplicate()).join();
    ctx.store.put("next", next.segment().duplicate()).join();
    ctx.committer.commit(PARTITION, 1, ref("gapped", gapped, true), List.of()).join();
    ctx.committer.commit(PARTITION, 1, ref("next", next, false), List.of()).join();
    PartitionLog log = ctx.open();
    // When
    List<ByteBuffer> batches = log.read(3, 1 << 20, true).join().batches();
    // Then
    assertThat(CompactionFixtures.records(batches.getFirst()))
        .containsExactly(new Rec(6, "b", "1"));
  }

  @Test
  void shouldReadCompactedSegmentsThroughTheirIndexWhenTooLargeToFetchWhole() {
    // Given segments read by index-located ranges, not whole
    ctx.wholeSegmentMax(64);
    PartitionLog log = ctx.open();
    segment(log, "a", "1", "b", "1", "c", "1");
    segment(log, "a", "2", "b", "2");
    segment(log, "d", "1");
    // When
    CompactionResult result = log.compact(REQUEST).join();
    // Then a new owner (nothing cached) reads through the compacted segments' indexes
    assertThat(result.added()).allMatch(r -> r.indexKey() != null);
    PartitionLog reader = ctx.reopen(1);
    assertThat(readAll(reader))
        .containsExactly(
            new Rec(2, "c", "1"), new Rec(3, "a", "2"), new Rec(4, "b", "2"), new Rec(5, "d", "1"));
    assertThat(CompactionFixtures.records(reader.read(1, 1, true).join().batches().getFirst()))
        .contains(new Rec(2, "c", "1"));
  }

  @Test
  void shouldReadTheNextSegmentWhenFetchingInsideATrailingGapOfAnIndexedSegment() {
    // Given the gapped segment of the test above, read by ranges
    ctx.wholeSegmentMax(16);
    EncodedSegment gapped =
        SegmentEncoder.encodeWithGaps(
            List.of(CompactionFixtures.segment(List.of(batch("a", "1")), 0, 1).view().batch(0)),
            0,
            5,
            0,
            0);
    EncodedSegment next = SegmentEncoder.encode(List.of(batch("b", "1")), 6, 0, 0);
    ctx.store.put("gapped", gapped.segment().duplicate()).join();
    ctx.store.put("gapped.index", gapped.index().duplicate()).join();
    ctx.store.put("next", next.segment().duplicate()).join();
    SegmentRef first = ref("gapped", gapped, true);
    first =
        new SegmentRef(
            first.objectKey(),
            "gapped.index",
            0,
            first.length(),
            0,
            5,
            first.maxTimestamp(),
            1,
            first.crc(),
            0,
            true,
            List.of(),
            List.of());
    ctx.committer.commit(PARTITION, 1, first, List.of()).join();
    ctx.committer.commit(PARTITION, 1, ref("next", next, false), List.of()).join();
    PartitionLog log = ctx.open();
    // When
    List<ByteBuffer> batches = log.read(3, 1 << 20, true).join().batches();
    // Then
    assertThat(CompactionFixtures.records(batches.getFirst()))
        .containsExactly(new Rec(6, "b", "1"));
  }

  private static SegmentRef ref(String key, EncodedSegment enc, boolean compacted) {
    return new SegmentRef(
        key,
        null,
        0,
        enc.segment().remaining(),
        enc.baseOffset(),
        enc.lastOffset(),
        enc.maxTimestamp(),
        1,
        enc.crc(),
        0,
        compacted,
        List.of(),
        List.of());
  }
}
