/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Random appends interleaved with size/age flushes and failing uploads or commits: committed
 * offsets are dense and monotonic, and every acknowledged append is readable exactly once at the
 * offsets it was given, while failed appends leave no trace.
 */
class OffsetAssignmentProperties {

  private record Acked(String tag, int count, CompletableFuture<AppendResult> result) {}

  @Property(tries = 40)
  void committedOffsetsAreDenseAndEveryAckedAppendIsReadableOnce(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9) Integer> actions) {
    PartitionLogTestContext ctx = new PartitionLogTestContext().flushMaxBytes(1_500);
    PartitionLog log = ctx.open();
    List<Acked> appends = new ArrayList<>();
    int n = 0;
    for (int action : actions) {
      switch (action) {
        case 7 ->
            ctx.store.failNext(Operation.CREATE, 1, () -> new ObjectStoreException("injected"));
        case 8 -> ctx.committer.failNext(1);
        case 9 -> ctx.advance(Duration.ofMillis(60));
        default -> {
          String tag = "a" + (n++);
          int count = 1 + action;
          appends.add(new Acked(tag, count, log.append(batch(tag, count))));
        }
      }
    }
    ctx.committer.failNext(0);
    // Injected upload failures not used yet may fail the final flushes; each failure uses one up.
    int attempts = 0;
    while (log.flush().isCompletedExceptionally() && attempts < actions.size()) {
      attempts++;
    }

    List<ByteBuffer> batches = log.read(0, Integer.MAX_VALUE, true).join().batches();
    Map<String, List<Long>> offsetsByTag = new HashMap<>();
    long expected = 0;
    for (ByteBuffer b : batches) {
      for (RecordBatch batch : MemoryRecords.readableRecords(b.duplicate()).batches()) {
        for (Record r : batch) {
          assertThat(r.offset()).isEqualTo(expected++);
          String tag = StandardCharsets.UTF_8.decode(r.key()).toString();
          offsetsByTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(r.offset());
        }
      }
    }
    assertThat(log.highWatermark()).isEqualTo(expected);
    int acked = 0;
    for (Acked a : appends) {
      assertThat(a.result()).isDone();
      if (a.result().isCompletedExceptionally()) {
        assertThat(offsetsByTag).doesNotContainKey(a.tag());
        continue;
      }
      acked++;
      AppendResult r = a.result().join();
      List<Long> want = new ArrayList<>();
      for (long o = r.baseOffset(); o <= r.lastOffset(); o++) {
        want.add(o);
      }
      assertThat(offsetsByTag.get(a.tag())).as(a.tag()).isEqualTo(want).hasSize(a.count());
    }
    assertThat(offsetsByTag).hasSize(acked);
  }

  private static ByteBuffer batch(String tag, int count) {
    SimpleRecord[] records = new SimpleRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] =
          new SimpleRecord(
              LogTestBatches.TIMESTAMP, tag.getBytes(StandardCharsets.UTF_8), new byte[100]);
    }
    return MemoryRecords.withRecords(Compression.NONE, records).buffer();
  }
}
