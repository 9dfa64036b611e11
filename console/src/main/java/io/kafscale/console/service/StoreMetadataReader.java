/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link MetadataReader} over a {@link MetadataStore} (etcd, or the in-process broker's embedded
 * store): only {@code get} and {@code getPrefix} under the brokers' {@link KeyLayout}, decoded with
 * the brokers' codec. Does not own the store. Thread-safe.
 */
public final class StoreMetadataReader implements MetadataReader {
  private final MetadataStore store;
  private final KeyLayout keys;
  private final long timeoutMs;

  public StoreMetadataReader(MetadataStore store, KeyLayout keys, Duration timeout) {
    this.store = store;
    this.keys = keys;
    this.timeoutMs = timeout.toMillis();
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public long ping() {
    long start = System.nanoTime();
    await(store.get(keys.clusterInfo()));
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Override
  public List<BrokerRecord> brokers() {
    return await(store.getPrefix(keys.brokersPrefix())).stream()
        .map(kv -> ProtoCodec.decodeBroker(kv.value()))
        .sorted(Comparator.comparingInt(BrokerRecord::brokerId))
        .toList();
  }

  @Override
  public Map<Integer, OwnerRecord> owners(String topic) {
    Map<Integer, OwnerRecord> owners = new TreeMap<>();
    for (KeyValue kv : await(store.getPrefix(keys.ownersPrefix(topic)))) {
      PartitionRef ref = keys.partitionOfOwner(kv.key());
      if (ref.topic().equals(topic)) {
        owners.put(ref.partition(), ProtoCodec.decodeOwner(kv.value()));
      }
    }
    return owners;
  }

  @Override
  public Map<Integer, Integer> ownedPartitionCounts() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (KeyValue kv : await(store.getPrefix(keys.ownersPrefix()))) {
      counts.merge(ProtoCodec.decodeOwner(kv.value()).brokerId(), 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public Optional<PartitionStateRecord> state(String topic, int partition) {
    return await(store.get(keys.partitionState(topic, partition)))
        .map(kv -> ProtoCodec.decodePartitionState(kv.value()));
  }

  @Override
  public List<SegmentRecord> segments(String topic, int partition) {
    return await(store.getPrefix(keys.segmentsPrefix(topic, partition))).stream()
        .map(kv -> ProtoCodec.decodeSegment(kv.value()))
        .sorted(Comparator.comparingLong(SegmentRecord::baseOffset))
        .toList();
  }

  @Override
  public Map<Integer, Long> segmentBytes(String topic) {
    String prefix = keys.partitionsPrefix(topic);
    Map<Integer, Long> bytes = new HashMap<>();
    for (KeyValue kv : await(store.getPrefix(prefix))) {
      Integer partition = segmentPartition(prefix, kv.key());
      if (partition != null) {
        bytes.merge(partition, (long) ProtoCodec.decodeSegment(kv.value()).length(), Long::sum);
      }
    }
    return bytes;
  }

  /** The partition of a segment key under {@code prefix}, or null for state/producer keys. */
  static Integer segmentPartition(String prefix, String key) {
    int slash = key.indexOf('/', prefix.length());
    if (slash < 0 || !key.startsWith("segments/", slash + 1)) {
      return null;
    }
    try {
      return Integer.parseInt(key.substring(prefix.length(), slash));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public boolean topicExists(String topic) {
    return await(store.get(keys.topic(topic))).isPresent();
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while reading the metadata store");
    } catch (TimeoutException e) {
      throw ApiException.unavailable(
          "the metadata store did not answer within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      throw ApiException.unavailable("the metadata store failed: " + e.getCause().getMessage());
    }
  }
}
