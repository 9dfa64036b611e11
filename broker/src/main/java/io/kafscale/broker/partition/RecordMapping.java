/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.storage.log.AbortedTxn;
import io.kafscale.storage.log.RecoveredPartition;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;

/**
 * Pure mapping between storage's log types and metadata's stored records, field for field. The
 * mirror types exist because storage must not depend on metadata; the copies are spelled out so
 * that a field added on one side and not the other fails to compile here.
 */
public final class RecordMapping {
  private RecordMapping() {}

  public static SegmentRecord toRecord(SegmentRef s) {
    return new SegmentRecord(
        s.objectKey(),
        s.indexKey(),
        s.position(),
        s.length(),
        s.baseOffset(),
        s.lastOffset(),
        s.maxTimestamp(),
        s.epoch(),
        s.crc(),
        s.createdAtMs(),
        s.compacted(),
        s.epochStarts().stream()
            .map(e -> new SegmentRecord.EpochStart(e.epoch(), e.startOffset()))
            .toList(),
        s.abortedTxns().stream()
            .map(t -> new SegmentRecord.AbortedTxn(t.producerId(), t.firstOffset(), t.lastOffset()))
            .toList());
  }

  public static SegmentRef toRef(SegmentRecord s) {
    return new SegmentRef(
        s.objectKey(),
        s.indexKey(),
        s.position(),
        s.length(),
        s.baseOffset(),
        s.lastOffset(),
        s.maxTimestamp(),
        s.epoch(),
        s.crc(),
        s.createdAtMs(),
        s.compacted(),
        s.epochStarts().stream()
            .map(e -> new SegmentRef.EpochStart(e.epoch(), e.startOffset()))
            .toList(),
        s.abortedTxns().stream()
            .map(t -> new AbortedTxn(t.producerId(), t.firstOffset(), t.lastOffset()))
            .toList());
  }

  public static ProducerRecord toRecord(ProducerSnapshot p) {
    return new ProducerRecord(
        p.producerId(),
        p.producerEpoch(),
        p.lastBatches().stream()
            .map(
                b ->
                    new ProducerRecord.Batch(
                        b.firstSequence(),
                        b.lastSequence(),
                        b.firstOffset(),
                        b.lastOffset(),
                        b.timestamp()))
            .toList(),
        p.lastUpdateMs(),
        p.currentTxnFirstOffset());
  }

  public static ProducerSnapshot toSnapshot(ProducerRecord p) {
    return new ProducerSnapshot(
        p.producerId(),
        p.producerEpoch(),
        p.lastBatches().stream()
            .map(
                b ->
                    new ProducerSnapshot.BatchEntry(
                        b.firstSequence(),
                        b.lastSequence(),
                        b.firstOffset(),
                        b.lastOffset(),
                        b.timestamp()))
            .toList(),
        p.lastUpdateMs(),
        p.currentTxnFirstOffset());
  }

  /** The state a partition log is opened from, as claimed from the metadata store. */
  public static RecoveredPartition toRecovered(PartitionRecord r) {
    return new RecoveredPartition(
        r.logStartOffset(),
        r.highWatermark(),
        r.segments().stream().map(RecordMapping::toRef).toList(),
        r.producers().stream().map(RecordMapping::toSnapshot).toList());
  }
}
