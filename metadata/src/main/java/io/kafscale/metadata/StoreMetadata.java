/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ClusterInfoRecord;
import io.kafscale.metadata.registry.BrokerRegistry;
import io.kafscale.metadata.registry.ControllerRegistry;
import io.kafscale.metadata.registry.GroupRegistry;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.store.StoreBrokerRegistry;
import io.kafscale.metadata.registry.store.StoreControllerRegistry;
import io.kafscale.metadata.registry.store.StoreGroupRegistry;
import io.kafscale.metadata.registry.store.StorePartitionRegistry;
import io.kafscale.metadata.registry.store.StoreProducerIdAllocator;
import io.kafscale.metadata.registry.store.StoreTopicRegistry;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Metadata} over any {@link MetadataStore}: the typed registries plus the cluster id, which
 * the first {@link #open} on an empty store creates. Thread-safe; owns (closes) the store.
 */
public final class StoreMetadata implements Metadata {
  private static final long OPEN_TIMEOUT_SECONDS = 30;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MetadataStore store;
  private final String clusterId;
  private final TopicRegistry topics;
  private final PartitionRegistry partitions;
  private final ProducerIdAllocator producerIds;
  private final BrokerRegistry brokers;
  private final ControllerRegistry controller;
  private final GroupRegistry groups;
  private final KeyLayout keys;

  private StoreMetadata(MetadataStore store, KeyLayout keys, Clock clock, String clusterId) {
    this.store = store;
    this.clusterId = clusterId;
    this.topics = new StoreTopicRegistry(store, keys, clock);
    this.partitions = new StorePartitionRegistry(store, keys);
    this.producerIds = new StoreProducerIdAllocator(store, keys);
    this.brokers = new StoreBrokerRegistry(store, keys);
    this.controller = new StoreControllerRegistry(store, keys);
    this.groups = new StoreGroupRegistry(store, keys);
    this.keys = keys;
  }

  /**
   * Opens the metadata under the default key root, creating the cluster id if the store has none.
   * Blocks.
   */
  public static Metadata open(MetadataStore store) {
    return open(store, KeyLayout.defaults(), Clock.systemUTC());
  }

  /**
   * Opens the metadata under {@code keys}' root. Blocks until the cluster id is read or created.
   */
  public static Metadata open(MetadataStore store, KeyLayout keys, Clock clock) {
    try {
      String id = ensureClusterId(store, keys, clock).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new StoreMetadata(store, keys, clock, id);
    } catch (ExecutionException e) {
      throw new MetadataStoreException(
          "cannot read or create the cluster id: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new MetadataStoreException(
          "metadata store did not answer within " + OPEN_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataStoreException("interrupted while opening metadata", e);
    }
  }

  private static CompletableFuture<String> ensureClusterId(
      MetadataStore store, KeyLayout keys, Clock clock) {
    String key = keys.clusterInfo();
    ClusterInfoRecord fresh = new ClusterInfoRecord(newClusterId(), clock.millis());
    // Whoever creates it first wins; a loser reads the winner's id in the same transaction.
    Txn txn =
        Txn.builder()
            .when(Compare.absent(key))
            .then(Op.put(key, ProtoCodec.encodeClusterInfo(fresh)))
            .otherwise(Op.get(key))
            .build();
    return store
        .txn(txn)
        .thenApply(
            r ->
                r.succeeded()
                    ? fresh.clusterId()
                    : ProtoCodec.decodeClusterInfo(r.gets().get(0).orElseThrow().value())
                        .clusterId());
  }

  /** 16 random bytes as 22 base64url characters, not starting with '-' (as Kafka's ids). */
  static String newClusterId() {
    while (true) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  @Override
  public String clusterId() {
    return clusterId;
  }

  @Override
  public TopicRegistry topics() {
    return topics;
  }

  @Override
  public PartitionRegistry partitions() {
    return partitions;
  }

  @Override
  public ProducerIdAllocator producerIds() {
    return producerIds;
  }

  @Override
  public BrokerRegistry brokers() {
    return brokers;
  }

  @Override
  public ControllerRegistry controller() {
    return controller;
  }

  @Override
  public GroupRegistry groups() {
    return groups;
  }

  @Override
  public MetadataStore store() {
    return store;
  }

  @Override
  public KeyLayout keys() {
    return keys;
  }

  @Override
  public void close() {
    store.close();
  }
}
