/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.producer.CommittedBatch;
import io.kafscale.storage.producer.ProducerCheck.StagedRef;
import io.kafscale.storage.segment.EncodedSegment;
import io.kafscale.storage.segment.SegmentEncoder;
import io.kafscale.storage.segment.SegmentKeys;
import io.kafscale.storage.segment.SegmentReader;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A sealed flush, ready to upload: the encoded segment and index, the keys they go to (no index
 * object for a segment of at most {@code indexMinBytes}, which readers fetch whole), the reference
 * to commit, the offsets each staged batch gets, and the batch with the largest timestamp. Building
 * it is pure: offsets are assigned here, into the segment copy only, and become real only when the
 * commit succeeds. {@link PendingAppend#batchBaseOffsets} are filled in.
 */
record FlushPlan(
    List<PendingAppend> appends,
    EncodedSegment encoded,
    SegmentView view,
    SegmentRef ref,
    List<CommittedBatch> committedBatches,
    long nowMs,
    TimestampedOffset maxTimestamp,
    int batchCount) {

  static FlushPlan build(
      List<PendingAppend> appends,
      long baseOffset,
      long nowMs,
      PartitionId id,
      int epoch,
      StorageConfig config,
      String suffix,
      long indexMinBytes) {
    List<ByteBuffer> batches = new ArrayList<>();
    for (PendingAppend p : appends) {
      for (ByteBuffer b : p.batches) {
        batches.add(p.logAppendTime ? LogAppendTimeStamper.stamp(b, nowMs) : b);
      }
    }
    EncodedSegment enc =
        SegmentEncoder.encode(batches, baseOffset, nowMs, config.indexIntervalBytes());
    SegmentView view = SegmentReader.parseEncoded(enc.segment().duplicate());
    List<CommittedBatch> committed = new ArrayList<>();
    TimestampedOffset max = null;
    int k = 0;
    for (PendingAppend p : appends) {
      p.batchBaseOffsets = new long[p.headers.size()];
      for (int i = 0; i < p.headers.size(); i++) {
        BatchHeader h = p.headers.get(i);
        long base = enc.batchBaseOffsets()[k];
        long ts = view.batches().get(k).maxTimestamp();
        p.batchBaseOffsets[i] = base;
        committed.add(
            new CommittedBatch(new StagedRef(p.appendId, i), base, base + h.lastOffsetDelta(), ts));
        if (max == null || ts > max.timestamp()) {
          max = new TimestampedOffset(base, ts);
        }
        k++;
      }
    }
    String key =
        SegmentKeys.segmentKey(
            config.namespace(), id.topic(), id.partition(), baseOffset, epoch, suffix);
    // Segments that readers fetch whole never need their index: not writing it halves the PUTs.
    int length = enc.segment().remaining();
    String indexKey = length > indexMinBytes ? SegmentKeys.indexKeyFor(key) : null;
    SegmentRef ref =
        SegmentRef.flushed(
            key,
            indexKey,
            0,
            length,
            enc.baseOffset(),
            enc.lastOffset(),
            enc.maxTimestamp(),
            epoch,
            enc.crc(),
            nowMs);
    return new FlushPlan(
        List.copyOf(appends), enc, view, ref, List.copyOf(committed), nowMs, max, k);
  }

  /** This plan committing {@code newRef} instead (same object, e.g. with aborted txns). */
  FlushPlan withRef(SegmentRef newRef) {
    return new FlushPlan(
        appends, encoded, view, newRef, committedBatches, nowMs, maxTimestamp, batchCount);
  }

  long batchBytes() {
    return appends.stream().mapToLong(p -> p.sizeInBytes).sum();
  }
}
