/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.model.ClusterInfoRecord;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.GroupMemberRecord;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ProtoCodecRoundTripProperties {

  @Property(tries = 200)
  void topicsSurviveARoundTrip(
      @ForAll @AlphaChars @net.jqwik.api.constraints.StringLength(min = 1, max = 40) String name,
      @ForAll long most,
      @ForAll long least,
      @ForAll int partitions,
      @ForAll @Size(max = 5) Map<@AlphaChars String, String> configs,
      @ForAll long createdAt) {
    TopicRecord t = new TopicRecord(name, new UUID(most, least), partitions, configs, createdAt);
    assertThat(ProtoCodec.decodeTopic(ProtoCodec.encodeTopic(t))).isEqualTo(t);
  }

  @Property(tries = 200)
  void partitionStatesSurviveARoundTrip(
      @ForAll int owner, @ForAll int epoch, @ForAll long lso, @ForAll long hw) {
    PartitionStateRecord s = new PartitionStateRecord(owner, epoch, lso, hw);
    assertThat(ProtoCodec.decodePartitionState(ProtoCodec.encodePartitionState(s))).isEqualTo(s);
  }

  @Property(tries = 200)
  void segmentsSurviveARoundTrip(@ForAll("segments") SegmentRecord s) {
    assertThat(ProtoCodec.decodeSegment(ProtoCodec.encodeSegment(s))).isEqualTo(s);
  }

  @Property(tries = 200)
  void producersSurviveARoundTrip(@ForAll("producers") ProducerRecord p) {
    assertThat(ProtoCodec.decodeProducer(ProtoCodec.encodeProducer(p))).isEqualTo(p);
  }

  @Property(tries = 200)
  void producerIdBlocksSurviveARoundTrip(@ForAll long next) {
    assertThat(ProtoCodec.decodeProducerIdBlock(ProtoCodec.encodeProducerIdBlock(next)))
        .isEqualTo(next);
  }

  @Property(tries = 200)
  void groupsSurviveARoundTrip(@ForAll("groups") GroupRecord g) {
    assertThat(ProtoCodec.decodeGroup(ProtoCodec.encodeGroup(g))).isEqualTo(g);
  }

  @Property(tries = 200)
  void topicOffsetsSurviveARoundTrip(
      @ForAll @Size(max = 20)
          Map<@IntRange(min = 0) Integer, @From("offsets") CommittedOffsetRecord> offsets) {
    assertThat(ProtoCodec.decodeTopicOffsets(ProtoCodec.encodeTopicOffsets(offsets)))
        .isEqualTo(offsets);
  }

  @Example
  void clusterInfoSurvivesARoundTrip() {
    ClusterInfoRecord c = new ClusterInfoRecord("MkU3OEVBNTcwNTJENDM2Qk", 1234L);
    assertThat(ProtoCodec.decodeClusterInfo(ProtoCodec.encodeClusterInfo(c))).isEqualTo(c);
  }

  @Example
  void shouldRejectBytesThatAreNotAMessage() {
    assertThatThrownBy(
            () -> ProtoCodec.decodeSegment(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
        .isInstanceOf(CorruptValueException.class);
  }

  @Provide
  Arbitrary<SegmentRecord> segments() {
    Arbitrary<String> keys = Arbitraries.strings().ofMinLength(0).ofMaxLength(60);
    Arbitrary<Long> longs = Arbitraries.longs();
    Arbitrary<Integer> ints = Arbitraries.integers();
    return Combinators.combine(keys, keys, longs, ints, longs, longs, longs, ints)
        .flatAs(
            (o, i, pos, len, base, last, ts, epoch) ->
                Combinators.combine(ints, longs, Arbitraries.of(true, false), epochStarts())
                    .as(
                        (crc, created, compacted, starts) ->
                            new SegmentRecord(
                                o, i, pos, len, base, last, ts, epoch, crc, created, compacted,
                                starts, List.of())));
  }

  private static Arbitrary<List<SegmentRecord.EpochStart>> epochStarts() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.longs())
        .as(SegmentRecord.EpochStart::new)
        .list()
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<CommittedOffsetRecord> offsets() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers(),
            Arbitraries.strings().ofMaxLength(30),
            Arbitraries.longs())
        .as(CommittedOffsetRecord::new);
  }

  @Provide
  Arbitrary<GroupRecord> groups() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<Optional<String>> maybe = text.optional();
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<GroupMemberRecord> member =
        Combinators.combine(
                text,
                maybe,
                text,
                text,
                Arbitraries.integers(),
                Arbitraries.integers(),
                bytes,
                bytes)
            .as(GroupMemberRecord::new);
    return Combinators.combine(
            text,
            maybe,
            Arbitraries.integers(),
            maybe,
            maybe,
            member.list().ofMaxSize(5),
            Arbitraries.longs())
        .as(GroupRecord::new);
  }

  @Provide
  Arbitrary<ProducerRecord> producers() {
    Arbitrary<ProducerRecord.Batch> batch =
        Combinators.combine(
                Arbitraries.integers(),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.longs())
            .as(ProducerRecord.Batch::new);
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.shorts(),
            batch.list().ofMaxSize(5),
            Arbitraries.longs())
        .as(
            (id, epoch, batches, updated) ->
                new ProducerRecord(
                    id, epoch, List.copyOf(batches), updated, ProducerRecord.NO_TXN));
  }
}
