/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.ClusterInfoRecord;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.model.GroupMemberRecord;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.proto.metadata.v1.AbortedTxn;
import io.kafscale.proto.metadata.v1.BrokerRegistration;
import io.kafscale.proto.metadata.v1.ClusterInfo;
import io.kafscale.proto.metadata.v1.ControllerRegistration;
import io.kafscale.proto.metadata.v1.EpochStart;
import io.kafscale.proto.metadata.v1.GroupMember;
import io.kafscale.proto.metadata.v1.GroupMetadata;
import io.kafscale.proto.metadata.v1.OffsetValue;
import io.kafscale.proto.metadata.v1.PartitionOwner;
import io.kafscale.proto.metadata.v1.PartitionState;
import io.kafscale.proto.metadata.v1.ProducerBatch;
import io.kafscale.proto.metadata.v1.ProducerIdBlock;
import io.kafscale.proto.metadata.v1.ProducerState;
import io.kafscale.proto.metadata.v1.Segment;
import io.kafscale.proto.metadata.v1.Topic;
import io.kafscale.proto.metadata.v1.TopicAssignment;
import io.kafscale.proto.metadata.v1.TopicEpochFloor;
import io.kafscale.proto.metadata.v1.TopicOffsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Converts metadata model records to and from the protobuf bytes stored as values (the only place
 * that imports {@code io.kafscale.proto}). Stateless and thread-safe. Decoding fails with {@link
 * CorruptValueException}.
 */
public final class ProtoCodec {
  private ProtoCodec() {}

  public static byte[] encodeTopic(TopicRecord t) {
    return Topic.newBuilder()
        .setName(t.name())
        .setTopicIdMost(t.topicId().getMostSignificantBits())
        .setTopicIdLeast(t.topicId().getLeastSignificantBits())
        .setPartitionCount(t.partitionCount())
        .putAllConfigs(t.configs())
        .setCreatedAtMs(t.createdAtMs())
        .build()
        .toByteArray();
  }

  public static TopicRecord decodeTopic(byte[] bytes) {
    Topic t = parse(bytes, "Topic", Topic::parseFrom);
    return new TopicRecord(
        t.getName(),
        new UUID(t.getTopicIdMost(), t.getTopicIdLeast()),
        t.getPartitionCount(),
        t.getConfigsMap(),
        t.getCreatedAtMs());
  }

  public static byte[] encodePartitionState(PartitionStateRecord s) {
    return PartitionState.newBuilder()
        .setOwnerBrokerId(s.ownerBrokerId())
        .setLeaderEpoch(s.leaderEpoch())
        .setLogStartOffset(s.logStartOffset())
        .setHighWatermark(s.highWatermark())
        .build()
        .toByteArray();
  }

  public static PartitionStateRecord decodePartitionState(byte[] bytes) {
    PartitionState s = parse(bytes, "PartitionState", PartitionState::parseFrom);
    return new PartitionStateRecord(
        s.getOwnerBrokerId(), s.getLeaderEpoch(), s.getLogStartOffset(), s.getHighWatermark());
  }

  public static byte[] encodeSegment(SegmentRecord s) {
    return Segment.newBuilder()
        .setObjectKey(s.objectKey())
        // proto3 strings cannot be null: "" stores "no index object" (small segments are read
        // whole;
        // storage's SegmentRef reads "" back as null).
        .setIndexKey(s.indexKey() == null ? "" : s.indexKey())
        .setPosition(s.position())
        .setLength(s.length())
        .setBaseOffset(s.baseOffset())
        .setLastOffset(s.lastOffset())
        .setMaxTimestamp(s.maxTimestamp())
        .setEpoch(s.epoch())
        .setCrc(s.crc())
        .setCreatedAtMs(s.createdAtMs())
        .setCompacted(s.compacted())
        .addAllEpochStarts(
            s.epochStarts().stream()
                .map(
                    e ->
                        EpochStart.newBuilder()
                            .setEpoch(e.epoch())
                            .setStartOffset(e.startOffset())
                            .build())
                .toList())
        .addAllAbortedTxns(
            s.abortedTxns().stream()
                .map(
                    t ->
                        AbortedTxn.newBuilder()
                            .setProducerId(t.producerId())
                            .setFirstOffset(t.firstOffset())
                            .setLastOffset(t.lastOffset())
                            .build())
                .toList())
        .build()
        .toByteArray();
  }

  public static SegmentRecord decodeSegment(byte[] bytes) {
    Segment s = parse(bytes, "Segment", Segment::parseFrom);
    return new SegmentRecord(
        s.getObjectKey(),
        s.getIndexKey(),
        s.getPosition(),
        s.getLength(),
        s.getBaseOffset(),
        s.getLastOffset(),
        s.getMaxTimestamp(),
        s.getEpoch(),
        s.getCrc(),
        s.getCreatedAtMs(),
        s.getCompacted(),
        s.getEpochStartsList().stream()
            .map(e -> new SegmentRecord.EpochStart(e.getEpoch(), e.getStartOffset()))
            .toList(),
        s.getAbortedTxnsList().stream()
            .map(
                t ->
                    new SegmentRecord.AbortedTxn(
                        t.getProducerId(), t.getFirstOffset(), t.getLastOffset()))
            .toList());
  }

  public static byte[] encodeProducer(ProducerRecord p) {
    ProducerState.Builder b =
        ProducerState.newBuilder()
            .setProducerId(p.producerId())
            .setProducerEpoch(p.producerEpoch())
            .setLastUpdateMs(p.lastUpdateMs());
    if (p.currentTxnFirstOffset() >= 0) {
      b.setCurrentTxnFirstOffset(p.currentTxnFirstOffset());
    }
    for (ProducerRecord.Batch batch : p.lastBatches()) {
      b.addLastBatches(
          ProducerBatch.newBuilder()
              .setFirstSequence(batch.firstSequence())
              .setLastSequence(batch.lastSequence())
              .setFirstOffset(batch.firstOffset())
              .setLastOffset(batch.lastOffset())
              .setTimestamp(batch.timestamp()));
    }
    return b.build().toByteArray();
  }

  public static ProducerRecord decodeProducer(byte[] bytes) {
    ProducerState p = parse(bytes, "ProducerState", ProducerState::parseFrom);
    return new ProducerRecord(
        p.getProducerId(),
        (short) p.getProducerEpoch(),
        p.getLastBatchesList().stream()
            .map(
                b ->
                    new ProducerRecord.Batch(
                        b.getFirstSequence(),
                        b.getLastSequence(),
                        b.getFirstOffset(),
                        b.getLastOffset(),
                        b.getTimestamp()))
            .toList(),
        p.getLastUpdateMs(),
        p.hasCurrentTxnFirstOffset() ? p.getCurrentTxnFirstOffset() : ProducerRecord.NO_TXN);
  }

  public static byte[] encodeBroker(BrokerRecord b) {
    return BrokerRegistration.newBuilder()
        .setBrokerId(b.brokerId())
        .setHost(b.host())
        .setPort(b.port())
        .setRack(b.rack().orElse(""))
        .setStartedAtMs(b.startedAtMs())
        .setDraining(b.draining())
        .setIncarnation(b.incarnation())
        .setAdminPort(b.adminPort())
        .addAllListeners(
            b.listeners().stream()
                .map(
                    l ->
                        io.kafscale.proto.metadata.v1.ListenerEndpoint.newBuilder()
                            .setName(l.name())
                            .setHost(l.host())
                            .setPort(l.port())
                            .build())
                .toList())
        .build()
        .toByteArray();
  }

  public static BrokerRecord decodeBroker(byte[] bytes) {
    BrokerRegistration b = parse(bytes, "BrokerRegistration", BrokerRegistration::parseFrom);
    return new BrokerRecord(
        b.getBrokerId(),
        b.getHost(),
        b.getPort(),
        b.getRack().isEmpty() ? Optional.empty() : Optional.of(b.getRack()),
        b.getStartedAtMs(),
        b.getDraining(),
        b.getIncarnation(),
        b.getAdminPort(),
        b.getListenersList().stream()
            .map(
                l ->
                    new io.kafscale.metadata.model.ListenerEndpoint(
                        l.getName(), l.getHost(), l.getPort()))
            .toList());
  }

  public static byte[] encodeController(ControllerRecord c) {
    return ControllerRegistration.newBuilder()
        .setBrokerId(c.brokerId())
        .setIncarnation(c.incarnation())
        .build()
        .toByteArray();
  }

  public static ControllerRecord decodeController(byte[] bytes) {
    ControllerRegistration c =
        parse(bytes, "ControllerRegistration", ControllerRegistration::parseFrom);
    return new ControllerRecord(c.getBrokerId(), c.getIncarnation());
  }

  public static byte[] encodeOwner(OwnerRecord o) {
    return PartitionOwner.newBuilder()
        .setBrokerId(o.brokerId())
        .setLeaderEpoch(o.leaderEpoch())
        .setIncarnation(o.incarnation())
        .build()
        .toByteArray();
  }

  public static OwnerRecord decodeOwner(byte[] bytes) {
    PartitionOwner o = parse(bytes, "PartitionOwner", PartitionOwner::parseFrom);
    return new OwnerRecord(o.getBrokerId(), o.getLeaderEpoch(), o.getIncarnation());
  }

  public static byte[] encodeAssignment(AssignmentRecord a) {
    return TopicAssignment.newBuilder().addAllBrokerIds(a.brokerIds()).build().toByteArray();
  }

  public static AssignmentRecord decodeAssignment(byte[] bytes) {
    TopicAssignment a = parse(bytes, "TopicAssignment", TopicAssignment::parseFrom);
    return new AssignmentRecord(a.getBrokerIdsList());
  }

  public static byte[] encodeClusterInfo(ClusterInfoRecord c) {
    return ClusterInfo.newBuilder()
        .setClusterId(c.clusterId())
        .setCreatedAtMs(c.createdAtMs())
        .build()
        .toByteArray();
  }

  public static ClusterInfoRecord decodeClusterInfo(byte[] bytes) {
    ClusterInfo c = parse(bytes, "ClusterInfo", ClusterInfo::parseFrom);
    return new ClusterInfoRecord(c.getClusterId(), c.getCreatedAtMs());
  }

  public static byte[] encodeProducerIdBlock(long nextId) {
    return ProducerIdBlock.newBuilder().setNextId(nextId).build().toByteArray();
  }

  public static long decodeProducerIdBlock(byte[] bytes) {
    return parse(bytes, "ProducerIdBlock", ProducerIdBlock::parseFrom).getNextId();
  }

  public static byte[] encodeEpochFloor(int leaderEpoch) {
    return TopicEpochFloor.newBuilder().setLeaderEpoch(leaderEpoch).build().toByteArray();
  }

  public static int decodeEpochFloor(byte[] bytes) {
    return parse(bytes, "TopicEpochFloor", TopicEpochFloor::parseFrom).getLeaderEpoch();
  }

  public static byte[] encodeGroup(GroupRecord g) {
    GroupMetadata.Builder b =
        GroupMetadata.newBuilder()
            .setGroupId(g.groupId())
            .setGeneration(g.generation())
            .setWrittenAtMs(g.writtenAtMs());
    g.protocolType().ifPresent(b::setProtocolType);
    g.protocolName().ifPresent(b::setProtocolName);
    g.leaderId().ifPresent(b::setLeaderId);
    for (GroupMemberRecord m : g.members()) {
      GroupMember.Builder mb =
          GroupMember.newBuilder()
              .setMemberId(m.memberId())
              .setClientId(m.clientId())
              .setClientHost(m.clientHost())
              .setRebalanceTimeoutMs(m.rebalanceTimeoutMs())
              .setSessionTimeoutMs(m.sessionTimeoutMs())
              .setSubscription(ByteString.copyFrom(m.subscription()))
              .setAssignment(ByteString.copyFrom(m.assignment()));
      m.groupInstanceId().ifPresent(mb::setGroupInstanceId);
      b.addMembers(mb);
    }
    return b.build().toByteArray();
  }

  public static GroupRecord decodeGroup(byte[] bytes) {
    GroupMetadata g = parse(bytes, "GroupMetadata", GroupMetadata::parseFrom);
    return new GroupRecord(
        g.getGroupId(),
        g.hasProtocolType() ? Optional.of(g.getProtocolType()) : Optional.empty(),
        g.getGeneration(),
        g.hasProtocolName() ? Optional.of(g.getProtocolName()) : Optional.empty(),
        g.hasLeaderId() ? Optional.of(g.getLeaderId()) : Optional.empty(),
        g.getMembersList().stream().map(ProtoCodec::member).toList(),
        g.getWrittenAtMs());
  }

  private static GroupMemberRecord member(GroupMember m) {
    return new GroupMemberRecord(
        m.getMemberId(),
        m.hasGroupInstanceId() ? Optional.of(m.getGroupInstanceId()) : Optional.empty(),
        m.getClientId(),
        m.getClientHost(),
        m.getRebalanceTimeoutMs(),
        m.getSessionTimeoutMs(),
        m.getSubscription().toByteArray(),
        m.getAssignment().toByteArray());
  }

  /** One topic's committed offsets of one group, keyed by partition. */
  public static byte[] encodeTopicOffsets(Map<Integer, CommittedOffsetRecord> offsets) {
    TopicOffsets.Builder b = TopicOffsets.newBuilder();
    offsets.forEach(
        (partition, o) ->
            b.putOffsets(
                partition,
                OffsetValue.newBuilder()
                    .setOffset(o.offset())
                    .setLeaderEpoch(o.leaderEpoch())
                    .setMetadata(o.metadata())
                    .setCommitTimestampMs(o.commitTimestampMs())
                    .build()));
    return b.build().toByteArray();
  }

  public static Map<Integer, CommittedOffsetRecord> decodeTopicOffsets(byte[] bytes) {
    TopicOffsets t = parse(bytes, "TopicOffsets", TopicOffsets::parseFrom);
    Map<Integer, CommittedOffsetRecord> out = new TreeMap<>();
    t.getOffsetsMap()
        .forEach(
            (partition, o) ->
                out.put(
                    partition,
                    new CommittedOffsetRecord(
                        o.getOffset(),
                        o.getLeaderEpoch(),
                        o.getMetadata(),
                        o.getCommitTimestampMs())));
    return out;
  }

  private interface Parser<T> {
    T parse(byte[] bytes) throws InvalidProtocolBufferException;
  }

  private static <T> T parse(byte[] bytes, String type, Parser<T> parser) {
    try {
      return parser.parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException(
          "stored value is not a valid " + type + ": " + e.getMessage(), e);
    }
  }
}
