/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.PendingTxnOffsets;
import io.kafscale.proto.metadata.v1.OffsetValue;
import io.kafscale.proto.metadata.v1.TopicOffsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts {@link PendingTxnOffsets} to and from the protobuf {@code PendingTxnOffsets} value.
 * Stateless and thread-safe; decoding fails with {@link CorruptValueException}.
 */
public final class TxnOffsetsCodec {
  private TxnOffsetsCodec() {}

  public static byte[] encode(PendingTxnOffsets pending) {
    Map<String, TopicOffsets.Builder> topics = new TreeMap<>();
    pending
        .offsets()
        .forEach(
            (p, o) ->
                topics
                    .computeIfAbsent(p.topic(), t -> TopicOffsets.newBuilder())
                    .putOffsets(
                        p.partition(),
                        OffsetValue.newBuilder()
                            .setOffset(o.offset())
                            .setLeaderEpoch(o.leaderEpoch())
                            .setMetadata(o.metadata())
                            .setCommitTimestampMs(o.commitTimestampMs())
                            .build()));
    io.kafscale.proto.metadata.v1.PendingTxnOffsets.Builder b =
        io.kafscale.proto.metadata.v1.PendingTxnOffsets.newBuilder()
            .setProducerId(pending.producerId())
            .setProducerEpoch(pending.producerEpoch());
    topics.forEach((t, offsets) -> b.putTopics(t, offsets.build()));
    return b.build().toByteArray();
  }

  public static PendingTxnOffsets decode(byte[] bytes) {
    io.kafscale.proto.metadata.v1.PendingTxnOffsets m;
    try {
      m = io.kafscale.proto.metadata.v1.PendingTxnOffsets.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException("corrupt PendingTxnOffsets value: " + e.getMessage(), e);
    }
    Map<PartitionRef, CommittedOffsetRecord> offsets = new HashMap<>();
    m.getTopicsMap()
        .forEach(
            (topic, t) ->
                t.getOffsetsMap()
                    .forEach(
                        (partition, o) ->
                            offsets.put(
                                new PartitionRef(topic, partition),
                                new CommittedOffsetRecord(
                                    o.getOffset(),
                                    o.getLeaderEpoch(),
                                    o.getMetadata(),
                                    o.getCommitTimestampMs()))));
    return new PendingTxnOffsets(m.getProducerId(), (short) m.getProducerEpoch(), offsets);
  }
}
