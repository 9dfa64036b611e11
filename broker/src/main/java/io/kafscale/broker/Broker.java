/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.admin.AdminServer;
import io.kafscale.broker.admin.BrokerApi;
import io.kafscale.broker.admin.GroupsApi;
import io.kafscale.broker.admin.OwnedLogs;
import io.kafscale.broker.admin.PartitionsApi;
import io.kafscale.broker.admin.StoredSegments;
import io.kafscale.broker.api.ApiSettings;
import io.kafscale.broker.api.KafkaApis;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.api.auth.SecuredApis;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.broker.cluster.MonotonicClock;
import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.gc.ClusterMarker;
import io.kafscale.broker.gc.OrphanCandidates;
import io.kafscale.broker.gc.OrphanCollector;
import io.kafscale.broker.gc.OrphanGcConfig;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.HighWatermarkSource;
import io.kafscale.broker.group.LagReporter;
import io.kafscale.broker.group.StoreHighWatermarks;
import io.kafscale.broker.health.HealthProber;
import io.kafscale.broker.health.HealthReport;
import io.kafscale.broker.interbroker.InterBrokerSettings;
import io.kafscale.broker.interbroker.NettyInterBrokerClient;
import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.metrics.MeteredMetadataStore;
import io.kafscale.broker.metrics.MeteredObjectStore;
import io.kafscale.broker.network.BrokerServer;
import io.kafscale.broker.partition.CompactionSweeper;
import io.kafscale.broker.partition.ExecutorScheduler;
import io.kafscale.broker.partition.LogTrimmer;
import io.kafscale.broker.partition.MetadataSegmentCommitter;
import io.kafscale.broker.partition.RetentionSweeper;
import io.kafscale.broker.security.acl.AclAuthorizer;
import io.kafscale.broker.security.scram.ScramCredentialCache;
import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.txn.TxnSettings;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.ListenerEndpoint;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.metadata.registry.store.StoreAclRegistry;
import io.kafscale.protocol.records.KafkaBatchRewriter;
import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionLimits;
import io.kafscale.storage.log.PartitionLogFactory;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
  private static final int FATAL_EXIT_STATUS = 70;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SCRAM_RESYNC_INTERVAL = Duration.ofMinutes(5);

  private final BrokerConfig config;
  private final Closer closer = new Closer();
  private PrometheusMeterRegistry registry;
  private BrokerServer server;
  private KafkaApis apis;
  // Volatile: isReady() is read by the admin event loop and must never wait on the broker's lock,
  // which start (joining) and close (draining) hold for long.
  private volatile ClusterNode node;
  private AdminServer admin;
  private volatile HealthProber health;
  private String objectStoreKind;
  private Metadata metadata;
  private ScramCredentialCache scramCredentials;
  private volatile boolean closed;
  // Set last: /readyz must not answer 200 before whoever started the broker is ready to stop it.
  private volatile boolean serving;

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
    return start(config, clock, started -> {});
  }

  /**
   * Starts a broker; {@code beforeReady} runs once it serves, before {@code /readyz} answers 200
   * (the process entry point installs its shutdown hook there, so a stop that follows readiness
   * always drains).
   */
  public static Broker start(BrokerConfig config, Clock clock, Consumer<Broker> beforeReady) {
    LogLevels.applyRoot(config.logLevel());
    Broker broker = new Broker(config);
    try {
      broker.startComponents(clock);
      beforeReady.accept(broker);
      broker.serving = true;
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
    // Metered decorators: every request to either store is counted and timed by operation.
    ObjectStore objects =
        new MeteredObjectStore(ObjectStores.open(config, closer, registry), registry);
    objectStoreKind = ObjectStores.describe(config);
    metadata =
        closer.register(
            StoreMetadata.open(
                new MeteredMetadataStore(MetadataStores.open(config, closer), registry)));
    LOG.info("Metadata store {}", config.metadataStoreKind());
    // Loaded before the listener binds: a SCRAM login never sees an empty credential set.
    scramCredentials =
        closer.register(
            new ScramCredentialCache(metadata.store(), metadata.keys(), SCRAM_RESYNC_INTERVAL));
    scramCredentials.start().get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<HealthReport> firstProbe = startHealthProber(objects, clock);
    PartitionLogFactory logs =
        closer.register(
            new PartitionLogFactory(
                    objects,
                    new MetadataSegmentCommitter(metadata.partitions()),
                    config.storage(),
                    clock,
                    registry)
                .withCompaction(
                    BatchRewriter.of(
                        (b, sink) -> KafkaBatchRewriter.scan(b, sink::record),
                        KafkaBatchRewriter::retain,
                        KafkaBatchRewriter::emptyHeader),
                    // Compaction outputs are unreferenced until the swap: a fixed cap far below
                    // the minimum orphan grace of any broker (rollouts mix grace settings).
                    CompactionLimits.DEFAULTS.withMaxDurationMs(
                        OrphanGcConfig.MAX_COMPACTION_DURATION.toMillis()))
                .withTransactions(true));
    // SASL/SCRAM logins on the SASL listeners check the credentials of the metadata store.
    server = closer.register(new BrokerServer(config.network(), registry, scramCredentials, clock));
    int kafkaPort = server.bind();
    int advertisedPort =
        config.network().advertisedPort() == 0 ? kafkaPort : config.network().advertisedPort();
    // Bound before registering so the registration carries the admin port (/readyz: 503 until
    // ready, /api/v1: 503 until the APIs are installed below).
    admin = closer.register(new AdminServer(config.network().admin(), registry, this::isReady));
    int adminPort = admin.start();
    BrokerRecord registration = registration(advertisedPort, adminPort, clock);
    // Group timers and sessions are measured with it: a wall-clock step must not fire them early.
    Clock monotonic = new MonotonicClock();
    node =
        closer.register(
            ClusterNode.start(
                    metadata,
                    logs,
                    objects,
                    registration,
                    config.cluster(),
                    monotonic,
                    registry,
                    Broker::fatal)
                .get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    // Transaction coordinators send WriteTxnMarkers to the owners of other partitions.
    NettyInterBrokerClient interBroker =
        closer.register(
            new NettyInterBrokerClient(
                InterBrokerSettings.defaults(node.brokerId()),
                monotonic,
                registry,
                () -> node.view().image().brokers().keySet()));
    apis =
        closer.register(
            new KafkaApis(
                settings(config, node.brokerId(), advertisedPort),
                config.groups(),
                new TxnSettings(
                    TxnSettings.DEFAULT_MAX_TIMEOUT_MS,
                    config.groups().coordinatorPartitions(),
                    config.cluster().transactionPartitions()),
                metadata,
                node.topics(),
                node.view(),
                registry,
                monotonic,
                interBroker));
    server.start(secured(apis));
    startRetention(objects);
    startCompaction(objects);
    startOrphanGc(objects, metadata, monotonic);
    GroupsApi groupsApi = startLagReporter(metadata, clock);
    admin.install(
        List.of(
            groupsApi,
            brokerApi(registration.withBrokerId(node.brokerId()), logs, clock),
            new PartitionsApi(
                node.brokerId(),
                () -> OwnedLogs.of(node.topics()),
                new StoredSegments(metadata.store(), metadata.keys())::of,
                clock)));
    awaitFirstProbe(firstProbe);
    Gauge.builder(BrokerMeters.BROKER_READY.meterName(), this, b -> b.isReady() ? 1 : 0)
        .description(BrokerMeters.BROKER_READY.description())
        .register(registry);
  }

  /** Probes both stores every health-check interval; {@link #isReady()} needs both healthy. */
  private CompletableFuture<HealthReport> startHealthProber(ObjectStore objects, Clock clock) {
    ExecutorScheduler timer = closer.register(new ExecutorScheduler("kafscale-health"));
    Duration interval = config.healthCheckInterval();
    Duration timeout = interval.compareTo(PROBE_TIMEOUT) < 0 ? interval : PROBE_TIMEOUT;
    health =
        closer.register(
            new HealthProber(
                objects,
                config.storage().namespace(),
                metadata.store(),
                clock,
                timer,
                interval,
                timeout,
                registry));
    return health.start();
  }

  /** Start returns ready when the stores are: wait for the first probe (bounded by its timeout). */
  private static void awaitFirstProbe(CompletableFuture<HealthReport> probe)
      throws InterruptedException, ExecutionException {
    try {
      probe.get(PROBE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("First health probe did not complete; not ready until one succeeds");
    }
  }

  private BrokerApi brokerApi(BrokerRecord self, PartitionLogFactory logs, Clock clock) {
    ClusterNode current = node;
    BrokerApi.Status status =
        new BrokerApi.Status(
            this::isReady,
            () ->
                current
                    .view()
                    .image()
                    .controller()
                    .map(c -> c.brokerId() == current.brokerId())
                    .orElse(false),
            () -> OwnedLogs.of(current.topics()).size(),
            objectStoreKind,
            config.metadataStoreKind());
    return new BrokerApi(self, status, health::latest, logs.cache(), clock);
  }

  /**
   * The ACL APIs and, when KAFSCALE_AUTHORIZER_ENABLED, ACL enforcement in front of {@code apis};
   * the authorizer's cache is loaded before the first request is served.
   */
  private RequestHandler secured(KafkaApis apis) throws Exception {
    Optional<AclAuthorizer> authorizer = Optional.empty();
    if (config.authorizer().enabled()) {
      AclAuthorizer acl =
          closer.register(
              new AclAuthorizer(
                  config.authorizer(),
                  new StoreAclRegistry(metadata.store(), metadata.keys()),
                  metadata.store()));
      acl.start().get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      authorizer = Optional.of(acl);
    }
    return SecuredApis.around(
        apis,
        authorizer,
        node.topics(),
        config.autoCreateTopics(),
        SecuredApis.dedicatedInterBrokerListener(config.network()));
  }

  /** Retention runs on the owner of each partition; trims are fenced by the owner's epoch. */
  private void startRetention(ObjectStore objects) {
    ExecutorScheduler timer = closer.register(new ExecutorScheduler("kafscale-retention"));
    RetentionSweeper sweeper =
        closer.register(
            new RetentionSweeper(node.topics(), new LogTrimmer(objects, registry), timer));
    sweeper.start(config.retentionCheckInterval());
  }

  /** Object garbage collection: every broker has a collector; only the controller's runs. */
  private void startOrphanGc(ObjectStore objects, Metadata metadata, Clock monotonic) {
    ExecutorScheduler timer = closer.register(new ExecutorScheduler("kafscale-orphan-gc"));
    ClusterNode self = node;
    BooleanSupplier isController =
        () -> {
          BrokerSession session = self.session();
          return session != null
              && self.view().image().controller().equals(Optional.of(session.controller()));
        };
    OrphanCollector gc =
        closer.register(
            new OrphanCollector(
                objects,
                new SegmentReferences(metadata.store(), metadata.keys()),
                new OrphanCandidates(config.storage().namespace()),
                new ClusterMarker(objects, config.storage().namespace(), metadata.clusterId()),
                config.orphanGc(),
                isController,
                timer,
                monotonic,
                registry));
    gc.start();
  }

  /** Compaction runs on the owner of each partition; the swap is fenced by the owner's epoch. */
  private void startCompaction(ObjectStore objects) {
    ExecutorScheduler timer = closer.register(new ExecutorScheduler("kafscale-compaction"));
    CompactionSweeper sweeper =
        closer.register(new CompactionSweeper(node.topics(), objects, timer, registry));
    sweeper.start(config.compactionCheckInterval());
  }

  /** Lag of the groups coordinated here: gauges, and the admin API's group endpoints. */
  private GroupsApi startLagReporter(Metadata metadata, Clock clock) {
    GroupCoordinator groups = apis.groups();
    HighWatermarkSource highWatermarks = new StoreHighWatermarks(node.topics(), metadata);
    ExecutorScheduler timer = closer.register(new ExecutorScheduler("kafscale-lag"));
    LagReporter lag =
        closer.register(
            new LagReporter(groups, highWatermarks, config.lag(), timer, clock, registry));
    lag.start();
    var view = node.view();
    return new GroupsApi(
        node.brokerId(),
        groups,
        lag::latest,
        highWatermarks,
        groupId ->
            view.leader(CoordinatorPartitions.TOPIC, groups.partitionFor(groupId))
                .map(l -> OptionalInt.of(l.broker().brokerId()))
                .orElse(OptionalInt.empty()));
  }

  private BrokerRecord registration(int advertisedPort, int adminPort, Clock clock) {
    return new BrokerRecord(
        config.brokerId(),
        config.network().advertisedHost(),
        advertisedPort,
        config.rack(),
        clock.millis(),
        false,
        UUID.randomUUID().toString(),
        adminPort,
        listenerEndpoints());
  }

  /** Every listener's advertised endpoint (port 0 → the bound port), for the registration. */
  private List<ListenerEndpoint> listenerEndpoints() {
    return config.network().listeners().stream()
        .map(
            l ->
                new ListenerEndpoint(
                    l.name(),
                    l.advertisedHost(),
                    l.advertisedPort() == 0 ? server.boundPort(l.name()) : l.advertisedPort()))
        .toList();
  }

  /** The bound port of the Kafka listener named {@code listenerName}; -1 when none. */
  public synchronized int kafkaPort(String listenerName) {
    return server.boundPort(listenerName);
  }

  /** The Kafka server (tests reach its TLS context and security meters). */
  public synchronized BrokerServer kafkaServer() {
    return server;
  }

  /** The broker cannot go on under its identity: exit so the process is restarted clean. */
  private static void fatal(String reason) {
    LOG.error("Broker must restart: {}", reason);
    Runtime.getRuntime().halt(FATAL_EXIT_STATUS);
  }

  private ApiSettings settings(BrokerConfig config, int brokerId, int advertisedPort) {
    NetworkConfig net = config.network();
    return new ApiSettings(
        brokerId,
        net.advertisedHost(),
        advertisedPort,
        config.rack().orElse(null),
        config.autoCreateTopics(),
        config.autoCreatePartitions(),
        (short) 1,
        config.storage().namespace());
  }

  /** This broker's id (allocated at registration unless configured). */
  public synchronized int brokerId() {
    return node.brokerId();
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

  /**
   * Whether the broker joined the cluster, opened the partitions assigned to it, holds a live
   * lease, is not shutting down, and the last health probes of the object store and the metadata
   * store succeeded.
   */
  public boolean isReady() {
    ClusterNode current = node;
    HealthProber prober = health;
    return serving
        && !closed
        && current != null
        && current.isReady()
        && prober != null
        && prober.latest().healthy();
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

  /**
   * The broker's metadata registries, for in-process readers such as the console started by {@code
   * make run} (the embedded store admits one process). Closed with the broker.
   */
  public synchronized Metadata metadata() {
    return metadata;
  }

  /**
   * The SCRAM credentials of every user as this broker knows them (loaded before the Kafka listener
   * binds, kept current by a watch): what the SASL/SCRAM authenticator reads.
   */
  public synchronized ScramCredentialLookup scramCredentials() {
    return scramCredentials;
  }

  /** Where metadata goes, safe to log: {@code etcd:[endpoints]} or {@code embedded:<dir>}. */
  public String metadataStoreKind() {
    return config.metadataStoreKind();
  }

  /**
   * Graceful stop: hands this broker's partitions to other brokers (each flushed and committed
   * first) while still serving, then stops accepting, flushes and releases what is left, leaves the
   * cluster, and closes servers and stores.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    int id = node == null ? config.brokerId() : node.brokerId();
    LOG.info("Broker stopping brokerId={}", id);
    if (node != null) {
      node.drain();
    }
    server.stopAccepting();
    closer.closeAll();
    LOG.info("Broker stopped brokerId={}", id);
  }
}
