/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import io.kafscale.protocol.records.KafkaBatchRewriter;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.segment.EncodedSegment;
import io.kafscale.storage.segment.SegmentEncoder;
import io.kafscale.storage.segment.SegmentReader;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Segments of keyed records built in memory, and the real kafka-clients batch rewriter. */
public final class CompactionFixtures {

  /** The protocol module's rewriter, adapted as the broker does. */
  public static final BatchRewriter KAFKA =
      BatchRewriter.of(
          (b, s) -> KafkaBatchRewriter.scan(b, s::record),
          KafkaBatchRewriter::retain,
          KafkaBatchRewriter::emptyHeader);

  /** One record as written or read: value null for a tombstone, key null for none. */
  public record Rec(long offset, String key, String value) {}

  /** A segment held in memory: its reference and parsed view. */
  public record Loaded(SegmentRef ref, SegmentView view) {}

  private CompactionFixtures() {}

  public static ByteBuffer batch(Compression compression, String... keyValues) {
    SimpleRecord[] records = new SimpleRecord[keyValues.length / 2];
    for (int i = 0; i < records.length; i++) {
      records[i] =
          new SimpleRecord(1000L + i, bytes(keyValues[2 * i]), bytes(keyValues[2 * i + 1]));
    }
    return MemoryRecords.withRecords(compression, records).buffer();
  }

  public static ByteBuffer batch(String... keyValues) {
    return batch(Compression.NONE, keyValues);
  }

  /** A flushed (dirty) segment of {@code batches} starting at {@code base}. */
  public static Loaded segment(List<ByteBuffer> batches, long base, int epoch) {
    return segment(batches, base, epoch, false, 0);
  }

  public static Loaded segment(
      List<ByteBuffer> batches, long base, int epoch, boolean compacted, long createdAtMs) {
    EncodedSegment enc = SegmentEncoder.encode(batches, base, createdAtMs, 0);
    return loaded(enc, epoch, compacted, createdAtMs);
  }

  public static Loaded loaded(EncodedSegment enc, int epoch, boolean compacted, long createdAtMs) {
    SegmentView view = SegmentReader.parse(enc.segment().duplicate());
    SegmentRef ref =
        new SegmentRef(
            "seg-" + enc.baseOffset() + "-" + epoch + "-" + compacted,
            null,
            0,
            enc.segment().remaining(),
            enc.baseOffset(),
            enc.lastOffset(),
            enc.maxTimestamp(),
            epoch,
            enc.crc(),
            createdAtMs,
            compacted,
            List.of(),
            List.of());
    return new Loaded(ref, view);
  }

  /** Every record of {@code view}, in order. */
  public static List<Rec> records(SegmentView view) {
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < view.batches().size(); i++) {
      out.addAll(records(view.batch(i)));
    }
    return out;
  }

  public static List<Rec> records(ByteBuffer batches) {
    List<Rec> out = new ArrayList<>();
    for (RecordBatch b : MemoryRecords.readableRecords(batches.duplicate()).batches()) {
      if (b.isControlBatch()) {
        continue;
      }
      for (Record r : b) {
        out.add(new Rec(r.offset(), string(r.key()), string(r.value())));
      }
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ByteBuffer b) {
    return b == null ? null : StandardCharsets.UTF_8.decode(b.duplicate()).toString();
  }
}
