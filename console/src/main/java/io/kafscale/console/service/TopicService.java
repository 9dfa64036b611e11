/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static io.kafscale.console.service.KafkaErrors.await;

import io.kafscale.console.http.ApiException;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.SegmentRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Topics through the Kafka AdminClient (list, describe, create, delete, configs, partitions) and,
 * read-only from the metadata store, partition owners, epochs, segment lists and sizes. Sizes are
 * the committed segments' bytes: data not yet flushed is not counted. Thread-safe.
 */
public final class TopicService {
  private static final long METADATA_POLL_MS = 50;

  /** A row of the topic list. */
  public record TopicSummary(
      String name,
      String topicId,
      boolean internal,
      int partitions,
      Long sizeBytes,
      int overriddenConfigs) {}

  /** One partition of a topic detail; metadata-store fields are null when it is unavailable. */
  public record PartitionView(
      int partition,
      Integer owner,
      Integer leaderEpoch,
      Long logStartOffset,
      Long logEndOffset,
      Long sizeBytes,
      Integer segments) {}

  /** A topic with its partitions and configs. */
  public record TopicDetail(
      String name,
      String topicId,
      boolean internal,
      List<PartitionView> partitions,
      List<ConfigView> configs) {}

  /** One committed segment object. */
  public record SegmentView(
      long baseOffset,
      long lastOffset,
      long sizeBytes,
      String objectKey,
      long createdAtMs,
      boolean compacted) {}

  /** Body of POST /topics. */
  public record CreateTopic(String name, Integer partitions, Map<String, String> configs) {}

  /** Body of PATCH /topics/{name}/configs. */
  public record ConfigChange(Map<String, String> set, List<String> delete) {}

  /** Body of POST /topics/{name}/partitions. */
  public record PartitionCount(Integer count) {}

  private final KafkaClients kafka;
  private final MetadataReader metadata;

  public TopicService(KafkaClients kafka, MetadataReader metadata) {
    this.kafka = kafka;
    this.metadata = metadata;
  }

  public List<TopicSummary> list() {
    Admin admin = kafka.admin();
    Collection<String> names =
        await(
            admin.listTopics(new ListTopicsOptions().listInternal(true)).names(),
            t(),
            "list topics");
    Map<String, TopicDescription> descriptions = describe(names);
    Map<ConfigResource, Config> configs = configs(names);
    List<TopicSummary> out = new ArrayList<>();
    for (TopicDescription d : descriptions.values()) {
      Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()));
      int overridden =
          c == null
              ? 0
              : (int)
                  c.entries().stream()
                      .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                      .count();
      out.add(
          new TopicSummary(
              d.name(),
              d.topicId().toString(),
              d.isInternal(),
              d.partitions().size(),
              size(d),
              overridden));
    }
    out.sort(Comparator.comparing(TopicSummary::name));
    return out;
  }

  public TopicDetail detail(String name) {
    TopicDescription d = describe(List.of(name)).get(name);
    List<TopicPartition> tps =
        d.partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList();
    Map<TopicPartition, Long> starts = offsets(tps, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = offsets(tps, OffsetSpec.latest());
    Map<Integer, OwnerRecord> owners = tryMetadata(() -> metadata.owners(name)).orElse(null);
    List<PartitionView> partitions = new ArrayList<>();
    for (TopicPartitionInfo p : d.partitions()) {
      TopicPartition tp = new TopicPartition(name, p.partition());
      Optional<List<SegmentRecord>> segs =
          owners == null
              ? Optional.empty()
              : tryMetadata(() -> metadata.segments(name, p.partition()));
      Optional<PartitionStateRecord> state =
          owners == null
              ? Optional.empty()
              : tryMetadata(() -> metadata.state(name, p.partition())).flatMap(s -> s);
      OwnerRecord owner = owners == null ? null : owners.get(p.partition());
      Integer ownerId =
          owner != null
              ? Integer.valueOf(owner.brokerId())
              : owners == null && p.leader() != null && !p.leader().isEmpty()
                  ? Integer.valueOf(p.leader().id())
                  : null;
      partitions.add(
          new PartitionView(
              p.partition(),
              ownerId,
              owner != null
                  ? Integer.valueOf(owner.leaderEpoch())
                  : state.map(s -> s.leaderEpoch()).orElse(null),
              starts.get(tp),
              ends.get(tp),
              segs.map(TopicService::bytes).orElse(null),
              segs.map(List::size).orElse(null)));
    }
    Config config = configs(List.of(name)).get(new ConfigResource(ConfigResource.Type.TOPIC, name));
    return new TopicDetail(
        name,
        d.topicId().toString(),
        d.isInternal(),
        partitions,
        config == null ? List.of() : ConfigView.all(config));
  }

  public TopicDetail create(CreateTopic body) {
    if (body.name() == null || body.name().isBlank()) {
      throw ApiException.badRequest("'name' is required");
    }
    if (body.partitions() != null && body.partitions() < 1) {
      throw ApiException.badRequest("'partitions' must be at least 1");
    }
    NewTopic topic =
        new NewTopic(body.name(), Optional.ofNullable(body.partitions()), Optional.empty())
            .configs(body.configs() == null ? Map.of() : body.configs());
    await(kafka.admin().createTopics(List.of(topic)).all(), t(), "create topic " + body.name());
    return detail(body.name());
  }

  public void delete(String name) {
    await(kafka.admin().deleteTopics(List.of(name)).all(), t(), "delete topic " + name);
  }

  public List<ConfigView> alterConfigs(String name, ConfigChange change) {
    List<AlterConfigOp> ops = new ArrayList<>();
    if (change.set() != null) {
      change
          .set()
          .forEach(
              (k, v) ->
                  ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
    }
    if (change.delete() != null) {
      change
          .delete()
          .forEach(
              k ->
                  ops.add(
                      new AlterConfigOp(new ConfigEntry(k, null), AlterConfigOp.OpType.DELETE)));
    }
    if (ops.isEmpty()) {
      throw ApiException.badRequest("nothing to change: give 'set' and/or 'delete'");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
    describe(List.of(name));
    await(
        kafka.admin().incrementalAlterConfigs(Map.of(resource, ops)).all(),
        t(),
        "alter configs of " + name);
    return ConfigView.all(configs(List.of(name)).get(resource));
  }

  public TopicDetail addPartitions(String name, PartitionCount body) {
    if (body.count() == null || body.count() < 1) {
      throw ApiException.badRequest("'count' (the new total partition count) is required");
    }
    await(
        kafka.admin().createPartitions(Map.of(name, NewPartitions.increaseTo(body.count()))).all(),
        t(),
        "add partitions to " + name);
    awaitPartitionCount(name, body.count());
    return detail(name);
  }

  /**
   * Waits (at most the admin timeout) until the brokers' metadata shows {@code count} partitions:
   * the broker that answers CreatePartitions does so once its own metadata shows the new partitions
   * owned, but the describe may go to another broker whose metadata follows the store a moment
   * later.
   */
  private void awaitPartitionCount(String name, int count) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t());
    while (describe(List.of(name)).get(name).partitions().size() < count
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(METADATA_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public List<SegmentView> segments(String name, int partition) {
    if (!metadata.topicExists(name)) {
      throw ApiException.notFound("topic '" + name + "' does not exist");
    }
    return metadata.segments(name, partition).stream()
        .map(
            s ->
                new SegmentView(
                    s.baseOffset(),
                    s.lastOffset(),
                    s.length(),
                    s.objectKey(),
                    s.createdAtMs(),
                    s.compacted()))
        .toList();
  }

  /** Topic descriptions by name; an unknown topic is a 404. */
  Map<String, TopicDescription> describe(Collection<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    return await(kafka.admin().describeTopics(names).allTopicNames(), t(), "describe topics");
  }

  private Map<ConfigResource, Config> configs(Collection<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    return await(kafka.admin().describeConfigs(resources).all(), t(), "describe topic configs");
  }

  Map<TopicPartition, Long> offsets(Collection<TopicPartition> tps, OffsetSpec spec) {
    if (tps.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
        await(
            kafka
                .admin()
                .listOffsets(tps.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
                .all(),
            t(),
            "list offsets");
    Map<TopicPartition, Long> out = new HashMap<>();
    infos.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * Log end offsets of the partitions that exist. Each partition is awaited on its own, so a
   * committed offset of a deleted topic (unknown partition) is only left out, its lag unknown,
   * instead of failing the whole ListOffsets call for every group.
   */
  Map<TopicPartition, Long> knownEndOffsets(Collection<TopicPartition> tps) {
    if (tps.isEmpty()) {
      return Map.of();
    }
    ListOffsetsResult result =
        kafka
            .admin()
            .listOffsets(
                tps.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
    Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures =
        new HashMap<>();
    tps.forEach(tp -> futures.put(tp, result.partitionResult(tp)));
    return known(futures, t());
  }

  /**
   * The offsets of the futures that succeeded; an unknown partition is skipped, other errors throw.
   */
  static Map<TopicPartition, Long> known(
      Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures,
      long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (var e : futures.entrySet()) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        out.put(e.getKey(), await(e.getValue(), left, "list offsets").offset());
      } catch (ApiException error) {
        if (error.status() != 404) {
          throw error;
        }
      }
    }
    return out;
  }

  /** Committed bytes of the topic from one metadata range read; null when it is unavailable. */
  private Long size(TopicDescription d) {
    if (!metadata.configured()) {
      return null;
    }
    return tryMetadata(() -> metadata.segmentBytes(d.name()))
        .map(m -> m.values().stream().mapToLong(Long::longValue).sum())
        .orElse(null);
  }

  static long bytes(List<SegmentRecord> segments) {
    return segments.stream().mapToLong(SegmentRecord::length).sum();
  }

  private static <T> Optional<T> tryMetadata(java.util.function.Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (ApiException e) {
      // Metadata-store fields are optional extras: the Kafka view still answers without them.
      return Optional.empty();
    }
  }

  private long t() {
    return kafka.timeoutMs();
  }
}
