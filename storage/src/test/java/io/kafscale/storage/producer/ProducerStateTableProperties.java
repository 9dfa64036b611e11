/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.ProducerCheck.StagedRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random producer behaviour (in-order sends, retries of recent batches, gaps, stale and new epochs,
 * committed and failed flushes) against {@link ProducerStateTable}: what gets committed is gapless
 * per epoch, and duplicates are answered with the offsets first assigned, never new ones.
 */
class ProducerStateTableProperties {

  private static final long PID = 11;

  private record Sent(long appendId, short epoch, int first, int last) {}

  private record Committed(short epoch, int first, int last, long firstOffset, long lastOffset) {}

  @Property(tries = 200)
  void committedSequencesAreGaplessAndDuplicatesKeepTheirOffsets(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 6) Integer> actions,
      @ForAll @IntRange(min = 1, max = 4) int batchRecords) {
    ProducerStateTable table = new ProducerStateTable(List.of());
    List<Sent> staged = new ArrayList<>();
    List<Committed> log = new ArrayList<>();
    Map<String, Committed> bySeq = new HashMap<>();
    short epoch = 0;
    int nextSeq = 0;
    long nextOffset = 0;
    long appendId = 0;
    for (int action : actions) {
      switch (action) {
        case 0, 1 -> { // send the next batch in order
          int last = nextSeq + batchRecords - 1;
          ProducerCheck c =
              table.tryStage(++appendId, List.of(new SequenceBatch(PID, epoch, nextSeq, last)));
          assertThat(c).isInstanceOf(ProducerCheck.Accepted.class);
          staged.add(new Sent(appendId, epoch, nextSeq, last));
          nextSeq = last + 1;
        }
        case 2 -> { // retry one of the last batches of this epoch
          short current = epoch;
          List<Committed> recent = log.stream().filter(e -> e.epoch() == current).toList();
          if (!recent.isEmpty() && staged.isEmpty()) {
            Committed pick = recent.get(Math.max(0, recent.size() - 1 - (int) (appendId % 5)));
            ProducerCheck c =
                table.tryStage(
                    ++appendId, List.of(new SequenceBatch(PID, epoch, pick.first(), pick.last())));
            assertThat(c).isInstanceOf(ProducerCheck.Duplicate.class);
            ProducerSnapshot.BatchEntry e = ((ProducerCheck.Duplicate) c).committed();
            assertThat(e.firstOffset()).isEqualTo(pick.firstOffset());
            assertThat(e.lastOffset()).isEqualTo(pick.lastOffset());
          }
        }
        case 3 -> { // a gap
          if (!log.isEmpty() || !staged.isEmpty()) {
            ProducerCheck c =
                table.tryStage(
                    ++appendId, List.of(new SequenceBatch(PID, epoch, nextSeq + 1, nextSeq + 1)));
            assertThat(c).isInstanceOf(ProducerCheck.Rejected.class);
            assertThat(((ProducerCheck.Rejected) c).reason())
                .isEqualTo(Reason.OUT_OF_ORDER_SEQUENCE);
          }
        }
        case 4 -> { // a stale epoch
          // Only an epoch the table has seen a batch of counts as known.
          short known =
              staged.isEmpty()
                  ? (log.isEmpty() ? 0 : log.getLast().epoch())
                  : staged.getLast().epoch();
          if (known > 0) {
            ProducerCheck c =
                table.tryStage(
                    ++appendId, List.of(new SequenceBatch(PID, (short) (known - 1), 0, 0)));
            assertThat(((ProducerCheck.Rejected) c).reason())
                .isEqualTo(Reason.INVALID_PRODUCER_EPOCH);
          }
        }
        case 5 -> { // a flush commits everything staged
          List<CommittedBatch> batches = new ArrayList<>();
          for (Sent s : staged) {
            long count = s.last() - s.first() + 1;
            batches.add(
                new CommittedBatch(
                    new StagedRef(s.appendId(), 0), nextOffset, nextOffset + count - 1, 0));
            Committed c =
                new Committed(s.epoch(), s.first(), s.last(), nextOffset, nextOffset + count - 1);
            log.add(c);
            bySeq.put(s.epoch() + ":" + s.first(), c);
            nextOffset += count;
          }
          table.applyCommitted(batches, 0);
          staged.clear();
          if (appendId % 7 == 3) { // sometimes the producer bumps its epoch afterwards
            epoch++;
            nextSeq = 0;
          }
        }
        default -> { // a flush fails: the producer resends from its first unacknowledged batch
          if (!staged.isEmpty()) {
            table.discard(staged.stream().map(Sent::appendId).toList());
            nextSeq = staged.getFirst().first();
            staged.clear();
          }
        }
      }
    }
    assertGaplessPerEpoch(log);
    assertThat(bySeq).hasSize(log.size());
  }

  private static void assertGaplessPerEpoch(List<Committed> log) {
    Map<Short, Integer> expected = new HashMap<>();
    long offset = 0;
    for (Committed c : log) {
      int want = expected.getOrDefault(c.epoch(), 0);
      assertThat(c.first()).as("sequence in epoch %s", c.epoch()).isEqualTo(want);
      assertThat(c.firstOffset()).isEqualTo(offset);
      expected.put(c.epoch(), c.last() + 1);
      offset = c.lastOffset() + 1;
    }
  }
}
