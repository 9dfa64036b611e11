/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ConfigCodec;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.config.BrokerDefaults;
import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.InvalidConfigException;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link TopicRegistry} over a {@link MetadataStore}: one topic key, written in compare-and-set
 * transactions of a constant number of operations whatever the partition count (partition state
 * keys are written by the first claim of each partition); deletion also removes the topic's
 * partition keys, owner keys and assignment. Every topic config and cluster-wide broker config
 * written is checked against {@link TopicConfigCatalogue} first, whoever the writer (broker,
 * operator, tool): brokers parse the stored values, so a bad one must never reach the store.
 * Thread-safe (stateless besides the store).
 */
public final class StoreTopicRegistry implements TopicRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;
  private final Clock clock;

  public StoreTopicRegistry(MetadataStore store, KeyLayout keys, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<TopicRecord> create(
      String name, int partitionCount, Map<String, String> configs) {
    if (partitionCount < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "partition count must be at least 1, got " + partitionCount));
    }
    TopicRecord topic;
    Txn.Builder txn;
    try {
      checkTopicConfigs(configs);
      topic = new TopicRecord(name, UUID.randomUUID(), partitionCount, configs, clock.millis());
      String key = keys.topic(name);
      txn =
          Txn.builder().when(Compare.absent(key)).then(Op.put(key, ProtoCodec.encodeTopic(topic)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return store
        .txn(txn.build())
        .thenCompose(
            r ->
                r.succeeded()
                    ? CompletableFuture.completedFuture(topic)
                    : CompletableFuture.failedFuture(
                        new TopicExistsException("topic '" + name + "' already exists")));
  }

  @Override
  public CompletableFuture<List<SegmentRecord>> delete(String name) {
    return CasLoop.run(
        "delete topic " + name, () -> withTopic(name).thenCompose(kv -> deleteAttempt(name, kv)));
  }

  private CompletableFuture<Optional<List<SegmentRecord>>> deleteAttempt(
      String name, KeyValue topicKv) {
    String partitions = keys.partitionsPrefix(name);
    String floorKey = keys.epochFloor(name);
    CompletableFuture<Optional<KeyValue>> floorRead = store.get(floorKey);
    return store
        .getPrefix(partitions)
        .thenCombine(floorRead, PartitionsAndFloor::new)
        .thenCompose(
            read -> {
              List<KeyValue> kvs = read.partitions();
              // One compare, four deletes and a put whatever the partition count (etcd caps the
              // operations of a transaction). A segment committed between this read and the
              // delete is removed with the metadata but its object is not in the returned list:
              // an orphan object, never a dangling reference.
              Txn.Builder txn =
                  Txn.builder()
                      .when(Compare.modRevisionEquals(topicKv.key(), topicKv.modRevision()));
              List<SegmentRecord> segments = new ArrayList<>();
              int floor = read.floor().map(kv -> ProtoCodec.decodeEpochFloor(kv.value())).orElse(0);
              for (KeyValue kv : kvs) {
                if (keys.isSegmentKey(kv.key())) {
                  segments.add(ProtoCodec.decodeSegment(kv.value()));
                } else if (keys.isPartitionStateKey(kv.key())) {
                  floor =
                      Math.max(floor, ProtoCodec.decodePartitionState(kv.value()).leaderEpoch());
                }
              }
              // A re-created topic's claims start above every epoch of this one, so a late commit
              // of an old owner can never match a new claim.
              txn.then(Op.put(floorKey, ProtoCodec.encodeEpochFloor(floor)));
              // Owner keys and the assignment go with the topic, so a topic re-created under the
              // same name starts unowned and unassigned.
              txn.then(Op.delete(topicKv.key()))
                  .then(Op.deletePrefix(partitions))
                  .then(Op.deletePrefix(keys.ownersPrefix(name)))
                  .then(Op.delete(keys.assignment(name)));
              return store
                  .txn(txn.build())
                  .thenApply(
                      r -> r.succeeded() ? Optional.of(List.copyOf(segments)) : Optional.empty());
            });
  }

  private record PartitionsAndFloor(List<KeyValue> partitions, Optional<KeyValue> floor) {}

  @Override
  public CompletableFuture<TopicRecord> addPartitions(String name, int newPartitionCount) {
    return update(
        "add partitions to " + name,
        name,
        old -> {
          if (newPartitionCount <= old.partitionCount()) {
            throw new IllegalArgumentException(
                "topic '"
                    + name
                    + "' has "
                    + old.partitionCount()
                    + " partitions; new count "
                    + newPartitionCount
                    + " must be larger");
          }
          return new TopicRecord(
              name, old.topicId(), newPartitionCount, old.configs(), old.createdAtMs());
        });
  }

  @Override
  public CompletableFuture<TopicRecord> updateConfigs(String name, Map<String, String> configs) {
    try {
      checkTopicConfigs(configs);
    } catch (InvalidConfigException e) {
      return CompletableFuture.failedFuture(e);
    }
    return update(
        "update configs of " + name,
        name,
        old ->
            new TopicRecord(name, old.topicId(), old.partitionCount(), configs, old.createdAtMs()));
  }

  @Override
  public CompletableFuture<TopicRecord> alterConfigs(
      String name, UnaryOperator<Map<String, String>> change) {
    return update(
        "alter configs of " + name,
        name,
        old ->
            new TopicRecord(
                name,
                old.topicId(),
                old.partitionCount(),
                checkTopicConfigs(change.apply(old.configs())),
                old.createdAtMs()));
  }

  @Override
  public CompletableFuture<Map<String, String>> brokerDefaults() {
    return store
        .get(keys.brokerDefaultConfigs())
        .thenApply(
            kv -> kv.map(v -> ConfigCodec.decodeBrokerDefaults(v.value())).orElseGet(TreeMap::new));
  }

  @Override
  public CompletableFuture<Map<String, String>> alterBrokerDefaults(
      UnaryOperator<Map<String, String>> change) {
    String key = keys.brokerDefaultConfigs();
    return CasLoop.run(
        "alter broker default configs",
        () ->
            store
                .get(key)
                .thenCompose(
                    kv -> {
                      Map<String, String> old =
                          kv.map(v -> ConfigCodec.decodeBrokerDefaults(v.value()))
                              .orElseGet(TreeMap::new);
                      Map<String, String> updated =
                          checkBrokerDefaults(Map.copyOf(change.apply(old)));
                      Compare unchanged =
                          kv.map(v -> Compare.modRevisionEquals(key, v.modRevision()))
                              .orElseGet(() -> Compare.absent(key));
                      Op write =
                          updated.isEmpty()
                              ? Op.delete(key)
                              : Op.put(key, ConfigCodec.encodeBrokerDefaults(updated));
                      return store
                          .txn(Txn.builder().when(unchanged).then(write).build())
                          .thenApply(
                              r ->
                                  r.succeeded()
                                      ? Optional.<Map<String, String>>of(new TreeMap<>(updated))
                                      : Optional.<Map<String, String>>empty());
                    }));
  }

  @Override
  public CompletableFuture<Optional<TopicRecord>> get(String name) {
    try {
      return store
          .get(keys.topic(name))
          .thenApply(kv -> kv.map(v -> ProtoCodec.decodeTopic(v.value())));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  @Override
  public CompletableFuture<List<TopicRecord>> list() {
    return store
        .getPrefix(keys.topicsPrefix())
        .thenApply(kvs -> kvs.stream().map(kv -> ProtoCodec.decodeTopic(kv.value())).toList());
  }

  private CompletableFuture<TopicRecord> update(
      String what, String name, Function<TopicRecord, TopicRecord> change) {
    return CasLoop.run(
        what,
        () ->
            withTopic(name)
                .thenCompose(
                    kv -> {
                      TopicRecord old = ProtoCodec.decodeTopic(kv.value());
                      TopicRecord updated = change.apply(old);
                      Txn.Builder txn =
                          Txn.builder()
                              .when(Compare.modRevisionEquals(kv.key(), kv.modRevision()))
                              .then(Op.put(kv.key(), ProtoCodec.encodeTopic(updated)));
                      return store
                          .txn(txn.build())
                          .thenApply(
                              r ->
                                  r.succeeded()
                                      ? Optional.of(updated)
                                      : Optional.<TopicRecord>empty());
                    }));
  }

  /** {@code configs} if every entry passes the catalogue's checks. */
  private static Map<String, String> checkTopicConfigs(Map<String, String> configs) {
    TopicConfigCatalogue.validateAll(configs)
        .ifPresent(
            why -> {
              throw new InvalidConfigException(why);
            });
    return configs;
  }

  /** {@code configs} if every entry is a known cluster-wide broker config with a valid value. */
  private static Map<String, String> checkBrokerDefaults(Map<String, String> configs) {
    new TreeMap<>(configs)
        .forEach(
            (name, value) ->
                BrokerDefaults.validate(name, value)
                    .ifPresent(
                        why -> {
                          throw new InvalidConfigException(why);
                        }));
    return configs;
  }

  private CompletableFuture<KeyValue> withTopic(String name) {
    try {
      return store
          .get(keys.topic(name))
          .thenCompose(
              kv ->
                  kv.map(CompletableFuture::completedFuture)
                      .orElseGet(
                          () ->
                              CompletableFuture.failedFuture(
                                  new UnknownTopicException(
                                      "topic '" + name + "' does not exist"))));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new UnknownTopicException("topic '" + name + "' does not exist"));
    }
  }
}
