/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.registry.ControllerRegistry;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ControllerRegistry} over a {@link MetadataStore}: the controller key is created only when
 * absent and attached to the session's lease. Assignments are written in chunks of at most {@value
 * #MAX_TOPICS_PER_TXN} topics, so each transaction stays well under etcd's default limit of 128
 * compares and 128 ops; each chunk checks the controller key's value and the mod revision of every
 * topic key it writes for. Unchanged assignments are not rewritten (etcd stays quiet). Thread-safe
 * (stateless besides the store).
 */
public final class StoreControllerRegistry implements ControllerRegistry {
  /** Topics per assignment transaction: 1 + this many compares, this many puts. */
  static final int MAX_TOPICS_PER_TXN = 64;

  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreControllerRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<Boolean> tryAcquire(BrokerSession session) {
    String key = keys.controller();
    Txn txn =
        Txn.builder()
            .when(Compare.absent(key))
            .then(Op.put(key, ProtoCodec.encodeController(session.controller()), session.leaseId()))
            .otherwise(Op.get(key))
            .build();
    return store
        .txn(txn)
        .thenApply(
            r ->
                r.succeeded()
                    || r.gets().get(0).map(kv -> isMine(kv.value(), session)).orElse(false));
  }

  @Override
  public CompletableFuture<Void> resign(BrokerSession session) {
    String key = keys.controller();
    Txn txn =
        Txn.builder()
            .when(Compare.valueEquals(key, ProtoCodec.encodeController(session.controller())))
            .then(Op.delete(key))
            .build();
    return store.txn(txn).thenApply(r -> null);
  }

  @Override
  public CompletableFuture<Boolean> writeAssignments(
      BrokerSession session, Map<String, AssignmentRecord> assignments) {
    List<List<Map.Entry<String, AssignmentRecord>>> chunks = new ArrayList<>();
    List<Map.Entry<String, AssignmentRecord>> chunk = new ArrayList<>();
    for (Map.Entry<String, AssignmentRecord> e : new TreeMap<>(assignments).entrySet()) {
      if (!isValidTopicName(e.getKey())) {
        continue; // no such topic can exist
      }
      chunk.add(e);
      if (chunk.size() == MAX_TOPICS_PER_TXN) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty() || chunks.isEmpty()) {
      chunks.add(chunk); // an empty map still answers whether the session is controller
    }
    return writeChunks(session, chunks, 0);
  }

  private CompletableFuture<Boolean> writeChunks(
      BrokerSession session, List<List<Map.Entry<String, AssignmentRecord>>> chunks, int i) {
    if (i == chunks.size()) {
      return CompletableFuture.completedFuture(true);
    }
    return CasLoop.run("write assignments", () -> writeChunk(session, chunks.get(i)))
        .thenCompose(
            stillController ->
                stillController
                    ? writeChunks(session, chunks, i + 1)
                    : CompletableFuture.completedFuture(false));
  }

  /** One topic's reads: its topic key and its current assignment key. */
  private record TopicRead(
      String topic,
      AssignmentRecord assignment,
      Optional<KeyValue> topicKv,
      Optional<KeyValue> current) {}

  /**
   * Reads the chunk's topic and assignment keys, then writes the changed assignments of existing
   * topics if the session is still controller and none of those topics changed. Completes with
   * whether the session is still controller, or empty to retry (a topic changed meanwhile).
   */
  private CompletableFuture<Optional<Boolean>> writeChunk(
      BrokerSession session, List<Map.Entry<String, AssignmentRecord>> chunk) {
    List<CompletableFuture<TopicRead>> reads = new ArrayList<>();
    for (Map.Entry<String, AssignmentRecord> e : chunk) {
      String topic = e.getKey();
      CompletableFuture<Optional<KeyValue>> current = store.get(keys.assignment(topic));
      reads.add(
          store
              .get(keys.topic(topic))
              .thenCombine(current, (t, a) -> new TopicRead(topic, e.getValue(), t, a)));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(v -> chunkTxn(session, reads.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<Optional<Boolean>> chunkTxn(
      BrokerSession session, List<TopicRead> reads) {
    String controllerKey = keys.controller();
    Txn.Builder txn =
        Txn.builder()
            .when(
                Compare.valueEquals(
                    controllerKey, ProtoCodec.encodeController(session.controller())))
            .otherwise(Op.get(controllerKey));
    for (TopicRead read : reads) {
      if (read.topicKv().isEmpty()) {
        continue; // deleted meanwhile (or never created): skipped
      }
      byte[] value = ProtoCodec.encodeAssignment(read.assignment());
      if (read.current().isPresent() && Arrays.equals(read.current().get().value(), value)) {
        continue; // unchanged: no write
      }
      KeyValue topicKv = read.topicKv().get();
      txn.when(Compare.modRevisionEquals(topicKv.key(), topicKv.modRevision()))
          .then(Op.put(keys.assignment(read.topic()), value));
    }
    return store
        .txn(txn.build())
        .thenApply(
            r -> {
              if (r.succeeded()) {
                return Optional.of(true);
              }
              boolean mine = r.gets().get(0).map(kv -> isMine(kv.value(), session)).orElse(false);
              return mine ? Optional.<Boolean>empty() : Optional.of(false);
            });
  }

  private boolean isValidTopicName(String topic) {
    try {
      keys.topic(topic);
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  private static boolean isMine(byte[] value, BrokerSession session) {
    return ProtoCodec.decodeController(value).equals(session.controller());
  }
}
