/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.admin.AdminServer;
import io.kafscale.broker.api.ApiSettings;
import io.kafscale.broker.api.KafkaApis;
import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.network.BrokerServer;
import io.kafscale.broker.partition.MetadataSegmentCommitter;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.storage.log.PartitionLogFactory;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broker: object store, metadata store, partition logs, Kafka APIs, the Kafka listener
 * and the admin HTTP server, started in that order by {@link #start(BrokerConfig)} and closed in
 * reverse by {@link #close()} (stop accepting, flush and close the logs, close the stores). A start
 * that fails closes whatever it had opened. Thread-safe.
 */
public final class Broker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
  private static final long LOAD_TIMEOUT_SECONDS = 120;

  private final BrokerConfig config;
  private final Closer closer = new Closer();
  private PrometheusMeterRegistry registry;
  private BrokerServer server;
  private KafkaApis apis;
  private AdminServer admin;
  private String objectStoreKind;
  private volatile boolean closed;

  private Broker(BrokerConfig config) {
    this.config = config;
  }

  /** Starts a broker with the system UTC clock. */
  public static Broker start(BrokerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts a broker and returns once it serves Kafka clients and the admin endpoints.
   *
   * @throws BrokerStartException when a store is unreachable, a port is taken, or loading fails
   */
  public static Broker start(BrokerConfig config, Clock clock) {
    LogLevels.applyRoot(config.logLevel());
    Broker broker = new Broker(config);
    try {
      broker.startComponents(clock);
      return broker;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broker.closer.closeAll();
      throw new BrokerStartException("interrupted while starting", e);
    } catch (BrokerStartException e) {
      broker.closer.closeAll();
      throw e;
    } catch (Exception e) {
      broker.closer.closeAll();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new BrokerStartException("broker failed to start: " + cause, cause);
    }
  }

  private synchronized void startComponents(Clock clock) throws Exception {
    if (!config.localFsync()) {
      LOG.warn(
          "KAFSCALE_LOCAL_FSYNC=false: the {} and the embedded metadata store do not fsync;"
              + " a broker crash loses nothing, a machine crash or power loss can lose"
              + " acknowledged data",
          config.usesS3() ? "(unaffected) S3 object store" : "local-directory object store");
    }
    registry = BrokerRegistry.create(closer);
    ObjectStore objects = ObjectStores.open(config, closer);
    objectStoreKind = ObjectStores.describe(config);
    Metadata metadata = closer.register(StoreMetadata.open(MetadataStores.open(config, closer)));
    LOG.info("Metadata store {}", config.metadataStoreKind());
    PartitionLogFactory logs =
        closer.register(
            new PartitionLogFactory(
                objects,
                new MetadataSegmentCommitter(metadata.partitions()),
                config.storage(),
                clock,
                registry));
    server = closer.register(new BrokerServer(config.network(), registry));
    int kafkaPort = server.bind();
    apis =
        closer.register(
            new KafkaApis(settings(config, kafkaPort), metadata, logs, objects, registry, clock));
    apis.start().get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    server.start(apis);
    admin = closer.register(new AdminServer(config.network().admin(), registry, this::isReady));
    admin.start();
    Gauge.builder(BrokerMeters.BROKER_READY.meterName(), this, b -> b.isReady() ? 1 : 0)
        .description(BrokerMeters.BROKER_READY.description())
        .register(registry);
  }

  private static ApiSettings settings(BrokerConfig config, int boundPort) {
    NetworkConfig net = config.network();
    int advertisedPort = net.advertisedPort() == 0 ? boundPort : net.advertisedPort();
    return new ApiSettings(
        config.brokerId(),
        net.advertisedHost(),
        advertisedPort,
        null,
        config.autoCreateTopics(),
        config.autoCreatePartitions(),
        (short) 1,
        config.storage().namespace());
  }

  /** The bound Kafka listener port. */
  public synchronized int kafkaPort() {
    return server.boundPort();
  }

  /** The bound admin HTTP port. */
  public synchronized int adminPort() {
    return admin.port();
  }

  /** {@code host:port} to bootstrap from: the listen host, or 127.0.0.1 for wildcard listeners. */
  public String bootstrapServers() {
    var listen = config.network().listen();
    return (listen.isWildcard() ? "127.0.0.1" : listen.host()) + ":" + kafkaPort();
  }

  /** Whether every topic is loaded, the stores answered at start, and the broker is not closing. */
  public boolean isReady() {
    KafkaApis current;
    synchronized (this) {
      current = apis;
    }
    return !closed && current != null && current.isReady();
  }

  public BrokerConfig config() {
    return config;
  }

  /** The registry {@code /metrics} serves. */
  public synchronized PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Where objects go, safe to log: {@code file:<dir>} or {@code s3://bucket …}. */
  public synchronized String objectStoreKind() {
    return objectStoreKind;
  }

  /** Where metadata goes, safe to log: {@code etcd:[endpoints]} or {@code embedded:<dir>}. */
  public String metadataStoreKind() {
    return config.metadataStoreKind();
  }

  /** Stops accepting, flushes and closes the partition logs, then closes servers and stores. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("Broker stopping brokerId={}", config.brokerId());
    server.stopAccepting();
    closer.closeAll();
    LOG.info("Broker stopped brokerId={}", config.brokerId());
  }
}
