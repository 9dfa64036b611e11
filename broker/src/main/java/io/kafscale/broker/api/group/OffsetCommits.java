/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * The offsets of an OffsetCommit or TxnOffsetCommit request, checked the same way for both: a topic
 * id nobody knows answers UNKNOWN_TOPIC_ID for each of its partitions, an unknown topic name or
 * partition UNKNOWN_TOPIC_OR_PARTITION (Kafka stores no offsets for partitions that do not exist),
 * metadata longer than Kafka's {@code offset.metadata.max.bytes} default (4096)
 * OFFSET_METADATA_TOO_LARGE; the other partitions are {@link #offsets()} and share the
 * coordinator's answer. Immutable.
 */
final class OffsetCommits {
  private static final int MAX_METADATA_LENGTH = 4096;

  /** One partition of a request, as both request types carry it. */
  record Partition(int index, long offset, int leaderEpoch, String metadata) {}

  /** One topic of a request: by id when {@code byId}, else by name. */
  record Topic(Uuid id, String name, List<Partition> partitions) {}

  private final List<Topic> topics;
  // Per request topic: its name, or null for an unknown topic id.
  private final List<String> names;
  private final Map<PartitionRef, Errors> rejected;
  private final Map<PartitionRef, CommittedOffsetRecord> offsets;

  private OffsetCommits(
      List<Topic> topics,
      List<String> names,
      Map<PartitionRef, Errors> rejected,
      Map<PartitionRef, CommittedOffsetRecord> offsets) {
    this.topics = topics;
    this.names = names;
    this.rejected = rejected;
    this.offsets = offsets;
  }

  /** The topics of a request, each with its partitions mapped by {@code partition}. */
  static <T, P> List<Topic> topics(
      List<T> requested,
      Function<T, Uuid> id,
      Function<T, String> name,
      Function<T, List<P>> partitions,
      Function<P, Partition> partition) {
    return requested.stream()
        .map(
            t ->
                new Topic(
                    id.apply(t),
                    name.apply(t),
                    partitions.apply(t).stream().map(partition).toList()))
        .toList();
  }

  /**
   * Checks {@code requested} against the topics {@code known} now; offsets stamped {@code nowMs}.
   */
  static OffsetCommits check(List<Topic> requested, boolean byId, TopicManager known, long nowMs) {
    List<String> names = new ArrayList<>();
    Map<PartitionRef, Errors> rejected = new HashMap<>();
    Map<PartitionRef, CommittedOffsetRecord> offsets = new HashMap<>();
    for (Topic t : requested) {
      Optional<TopicRecord> topic =
          byId ? known.topic(TopicIds.fromKafka(t.id())) : known.topic(t.name());
      String name = byId ? topic.map(TopicRecord::name).orElse(null) : t.name();
      names.add(name);
      if (name == null) {
        continue;
      }
      for (Partition p : t.partitions()) {
        PartitionRef ref = new PartitionRef(name, p.index());
        String metadata = p.metadata() == null ? "" : p.metadata();
        if (topic.isEmpty() || p.index() < 0 || p.index() >= topic.get().partitionCount()) {
          rejected.put(ref, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else if (metadata.length() > MAX_METADATA_LENGTH) {
          rejected.put(ref, Errors.OFFSET_METADATA_TOO_LARGE);
        } else {
          offsets.put(ref, new CommittedOffsetRecord(p.offset(), p.leaderEpoch(), metadata, nowMs));
        }
      }
    }
    return new OffsetCommits(requested, names, rejected, offsets);
  }

  /** The offsets to hand to the coordinator. */
  Map<PartitionRef, CommittedOffsetRecord> offsets() {
    return offsets;
  }

  /**
   * The error of each partition, per request topic and in request order, given the coordinator's
   * answer {@code outcome} for the offsets it was handed.
   */
  List<List<Errors>> errors(Errors outcome) {
    List<List<Errors>> out = new ArrayList<>(topics.size());
    for (int i = 0; i < topics.size(); i++) {
      String name = names.get(i);
      List<Errors> partitions = new ArrayList<>();
      for (Partition p : topics.get(i).partitions()) {
        partitions.add(
            name == null
                ? Errors.UNKNOWN_TOPIC_ID
                : rejected.getOrDefault(new PartitionRef(name, p.index()), outcome));
      }
      out.add(partitions);
    }
    return out;
  }
}
