/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.BrokerRegistry;
import io.kafscale.metadata.registry.ControllerRegistry;
import io.kafscale.metadata.registry.GroupRegistry;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.store.MetadataStore;

/** What brokers read and write in the metadata store, as typed registries over one store. */
public interface Metadata extends AutoCloseable {

  /** Stable id of this cluster, created with the store's first use. */
  String clusterId();

  TopicRegistry topics();

  PartitionRegistry partitions();

  ProducerIdAllocator producerIds();

  BrokerRegistry brokers();

  ControllerRegistry controller();

  /** Consumer groups and their committed offsets, written only by each group's coordinator. */
  GroupRegistry groups();

  /** The underlying store (for watches and leases). */
  MetadataStore store();

  /** The key layout every registry uses. */
  KeyLayout keys();

  /** Closes the underlying store. */
  @Override
  void close();
}
