/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.etcd;

import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.store.StoreTopicRegistry;
import io.kafscale.operator.probe.EtcdProbe;
import io.kafscale.operator.probe.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One etcd client per distinct cluster configuration, shared by both reconcilers. Gives each
 * cluster's {@link TopicRegistry} (the same key layout the brokers use) and checks reachability.
 * The cluster reconciler tells it which cluster uses which configuration ({@link #checkFor}) and
 * which cluster is gone ({@link #release}): a client no cluster uses any more (deleted cluster,
 * rotated credentials, new endpoints) is closed. Thread-safe (one lock; clients connect lazily, so
 * nothing slow runs under it).
 */
public final class EtcdConnections implements TopicRegistryProvider, EtcdProbe, AutoCloseable {
  private final Map<EtcdConfig, EtcdMetadataStore> stores = new HashMap<>();
  private final Map<String, EtcdConfig> usedBy = new HashMap<>();
  private final Clock clock;
  private final Duration timeout;

  public EtcdConnections(Clock clock, Duration requestTimeout) {
    this.clock = clock;
    this.timeout = requestTimeout;
  }

  private synchronized EtcdMetadataStore store(EtcdConfig config) {
    return stores.computeIfAbsent(
        config, c -> EtcdMetadataStore.connect(c.withRequestTimeout(timeout)));
  }

  @Override
  public TopicRegistry topics(EtcdConfig config) {
    return new StoreTopicRegistry(store(config), KeyLayout.defaults(), clock);
  }

  @Override
  public ProbeResult checkFor(String cluster, EtcdConfig config) {
    bind(cluster, config);
    return check(config);
  }

  /** {@code cluster} now uses {@code config}; the client of its previous one closes if unused. */
  public synchronized void bind(String cluster, EtcdConfig config) {
    EtcdConfig before = usedBy.put(cluster, config);
    if (before != null && !before.equals(config)) {
      closeIfUnused(before);
    }
  }

  @Override
  public synchronized void release(String cluster) {
    EtcdConfig before = usedBy.remove(cluster);
    if (before != null) {
      closeIfUnused(before);
    }
  }

  /** Open clients; for tests and metrics. */
  public synchronized int openClients() {
    return stores.size();
  }

  private void closeIfUnused(EtcdConfig config) {
    if (!usedBy.containsValue(config)) {
      EtcdMetadataStore store = stores.remove(config);
      if (store != null) {
        store.close();
      }
    }
  }

  @Override
  public ProbeResult check(EtcdConfig config) {
    try {
      long revision =
          store(config).currentRevision().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return ProbeResult.reachable("revision " + revision);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ProbeResult.unreachable(String.valueOf(cause.getMessage()));
    } catch (TimeoutException e) {
      return ProbeResult.unreachable("no answer within " + timeout.toMillis() + " ms");
    } catch (RuntimeException e) {
      return ProbeResult.unreachable(String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.unreachable("interrupted");
    }
  }

  @Override
  public synchronized void close() {
    stores.values().forEach(EtcdMetadataStore::close);
    stores.clear();
    usedBy.clear();
  }
}
