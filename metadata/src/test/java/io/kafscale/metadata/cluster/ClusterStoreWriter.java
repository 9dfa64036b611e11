/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes the records a {@link ClusterImageFeed} follows, the way brokers would; for tests. */
final class ClusterStoreWriter {
  private final MetadataStore store;
  private final KeyLayout keys;

  ClusterStoreWriter(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  static BrokerRecord broker(int id) {
    return new BrokerRecord(
        id, "host-" + id, 9092, Optional.empty(), 1000L + id, false, "inc-" + id);
  }

  static TopicRecord topic(String name, int partitions) {
    return new TopicRecord(
        name, UUID.nameUUIDFromBytes(name.getBytes()), partitions, Map.of(), 2000L);
  }

  long grantLease(Duration ttl) {
    return join(store.grantLease(ttl));
  }

  long putBroker(int id, long leaseId) {
    return put(keys.broker(id), ProtoCodec.encodeBroker(broker(id)), leaseId);
  }

  long putController(int brokerId) {
    return put(
        keys.controller(),
        ProtoCodec.encodeController(new ControllerRecord(brokerId, "inc-" + brokerId)),
        0);
  }

  long putTopic(String name, int partitions) {
    return put(keys.topic(name), ProtoCodec.encodeTopic(topic(name, partitions)), 0);
  }

  long putAssignment(String topic, List<Integer> brokerIds) {
    return put(
        keys.assignment(topic), ProtoCodec.encodeAssignment(new AssignmentRecord(brokerIds)), 0);
  }

  long putOwner(String topic, int partition, int brokerId, int epoch, long leaseId) {
    return put(
        keys.owner(topic, partition),
        ProtoCodec.encodeOwner(new OwnerRecord(brokerId, epoch, "inc-" + brokerId)),
        leaseId);
  }

  long put(String key, byte[] value, long leaseId) {
    return join(store.txn(Txn.builder().then(Op.put(key, value, leaseId)).build())).revision();
  }

  long delete(String key) {
    return join(store.txn(Txn.builder().then(Op.delete(key)).build())).revision();
  }

  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
