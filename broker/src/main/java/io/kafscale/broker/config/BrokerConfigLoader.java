/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static io.kafscale.broker.config.ConfigCatalogue.*;

import io.kafscale.broker.cluster.ClusterSettings;
import io.kafscale.broker.gc.OrphanGcConfig;
import io.kafscale.broker.group.GroupConfig;
import io.kafscale.broker.group.LagConfig;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.storage.log.StorageConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a variable map into a {@link BrokerConfig}, collecting every problem. Stateless. */
final class BrokerConfigLoader {
  /** Sparse index granularity; not worth a variable until a benchmark says otherwise. */
  static final int INDEX_INTERVAL_BYTES = 4096;

  /**
   * Longest wait for the producers' window before an early flush with S3: a PUT outlasts it and
   * costs money (docs/benchmarks.md).
   */
  static final long S3_IDLE_FLUSH_DELAY_MS = 10;

  /** The same with the local-directory store, where a flush takes a few milliseconds. */
  static final long LOCAL_IDLE_FLUSH_DELAY_MS = 3;

  private static final List<ConfigVar> S3_ONLY =
      List.of(
          S3_ENDPOINT, S3_PATH_STYLE, S3_ACCESS_KEY, S3_SECRET_KEY, S3_SESSION_TOKEN, S3_KMS_ARN);

  /** The broker id meaning "allocate one from the metadata store". */
  static final int ALLOCATE_ID = -1;

  private BrokerConfigLoader() {}

  static BrokerConfig load(Map<String, String> env, Supplier<String> localHostName) {
    ConfigReader reader = new ConfigReader(env);
    NetworkConfig network = network(reader, localHostName);
    int brokerId = reader.optionalLong(BROKER_ID).map(Long::intValue).orElse(ALLOCATE_ID);
    Optional<String> rack = reader.string(BROKER_RACK);
    ClusterSettings cluster =
        ClusterSettings.of(
                Duration.ofMillis(reader.longValue(BROKER_LEASE_TTL_MS)),
                Duration.ofMillis(reader.longValue(SHUTDOWN_TIMEOUT_MS)))
            .withCoordinatorPartitions(reader.intValue(GROUP_COORDINATOR_PARTITIONS))
            .withTransactionPartitions(reader.intValue(TXN_COORDINATOR_PARTITIONS));
    GroupConfig defaults = GroupConfig.defaults();
    GroupConfig groups =
        new GroupConfig(
            defaults
                .settings()
                .withInitialRebalanceDelayMs(reader.intValue(GROUP_INITIAL_REBALANCE_DELAY_MS)),
            cluster.coordinatorPartitions(),
            Duration.ofMinutes(reader.longValue(OFFSETS_RETENTION_MINUTES)),
            defaults.retentionCheckInterval(),
            defaults.ownershipCheckInterval());
    var dataDir = reader.path(DATA_DIR);
    S3Settings s3 = s3(reader);
    EtcdConfig etcd = EtcdSettings.read(reader);
    long idleDelayMs =
        reader
            .optionalLong(FLUSH_IDLE_DELAY_MS)
            .orElse(s3 != null ? S3_IDLE_FLUSH_DELAY_MS : LOCAL_IDLE_FLUSH_DELAY_MS);
    StorageConfig storage =
        new StorageConfig(
            reader.string(S3_NAMESPACE).orElseThrow(),
            reader.longValue(SEGMENT_BYTES),
            Duration.ofMillis(reader.longValue(FLUSH_INTERVAL_MS)),
            reader.longValue(CACHE_BYTES),
            INDEX_INTERVAL_BYTES,
            reader.longValue(FLUSH_IDLE_BYTES),
            Duration.ofMillis(idleDelayMs));
    boolean localFsync = reader.bool(LOCAL_FSYNC);
    boolean autoCreate = reader.bool(AUTO_CREATE_TOPICS);
    int partitions = reader.intValue(AUTO_CREATE_PARTITIONS);
    String logLevel = reader.logLevel(LOG_LEVEL_VAR);
    Duration retentionCheck = Duration.ofMillis(reader.longValue(RETENTION_CHECK_INTERVAL_MS));
    Duration compactionCheck = Duration.ofMillis(reader.longValue(COMPACTION_CHECK_INTERVAL_MS));
    LagConfig lag =
        new LagConfig(
            Duration.ofMillis(Math.max(1, reader.longValue(LAG_INTERVAL_MS))),
            reader.bool(LAG_METRICS_PER_PARTITION),
            Math.max(0, reader.intValue(LAG_METRICS_MAX_GROUPS)));
    OrphanGcConfig orphanGc =
        new OrphanGcConfig(
            Duration.ofMillis(Math.max(1, reader.longValue(ORPHAN_GC_INTERVAL_MS))),
            Duration.ofMillis(Math.max(0, reader.longValue(ORPHAN_GRACE_MS))));
    Duration healthCheck = Duration.ofMillis(reader.longValue(HEALTH_CHECK_INTERVAL_MS));
    io.kafscale.broker.security.acl.AuthorizerConfig authorizer = authorizer(reader);
    reader.throwIfInvalid();
    return new BrokerConfig(
        brokerId,
        rack,
        cluster,
        network,
        dataDir,
        s3,
        etcd,
        storage,
        localFsync,
        autoCreate,
        partitions,
        logLevel,
        groups,
        retentionCheck,
        lag,
        orphanGc,
        compactionCheck,
        healthCheck,
        authorizer);
  }

  private static io.kafscale.broker.security.acl.AuthorizerConfig authorizer(ConfigReader reader) {
    java.util.Set<io.kafscale.broker.security.acl.KafkaPrincipal> superUsers = java.util.Set.of();
    try {
      superUsers =
          io.kafscale.broker.security.acl.AuthorizerConfig.parseSuperUsers(
              reader.string(SUPER_USERS).orElse(""));
    } catch (IllegalArgumentException e) {
      reader.problem(SUPER_USERS.name() + ": " + e.getMessage());
    }
    return new io.kafscale.broker.security.acl.AuthorizerConfig(
        reader.bool(AUTHORIZER_ENABLED), superUsers, reader.bool(ALLOW_EVERYONE_IF_NO_ACL_FOUND));
  }

  private static NetworkConfig network(ConfigReader reader, Supplier<String> localHostName) {
    HostPort listen = reader.hostPort(BROKER_ADDR);
    String advertisedHost =
        reader
            .raw(BROKER_HOST.name())
            .or(() -> podHost(reader))
            .orElseGet(
                () ->
                    listen.isWildcard()
                        ? reader
                            .raw("POD_IP")
                            .or(() -> reader.raw("HOSTNAME"))
                            .orElseGet(localHostName)
                        : listen.host());
    int advertisedPort = reader.optionalLong(BROKER_PORT).map(Long::intValue).orElse(listen.port());
    NetworkConfig base =
        new NetworkConfig(
            listen,
            advertisedHost,
            advertisedPort,
            reader.hostPort(METRICS_ADDR),
            reader.intValue(MAX_FRAME_BYTES),
            reader.longValue(MAX_INFLIGHT_BYTES_PER_CONNECTION));
    // Named listeners (KAFSCALE_LISTENERS) replace the single one; TLS/SASL/limits for either.
    return ListenersLoader.apply(
        reader,
        base,
        bind ->
            reader
                .raw(BROKER_HOST.name())
                .or(() -> podHost(reader))
                .orElseGet(
                    () ->
                        bind.isWildcard()
                            ? reader
                                .raw("POD_IP")
                                .or(() -> reader.raw("HOSTNAME"))
                                .orElseGet(localHostName)
                            : bind.host()));
  }

  /** The pod's DNS name under its headless service, when running as a pod of one. */
  private static Optional<String> podHost(ConfigReader reader) {
    Optional<String> pod = reader.raw("POD_NAME");
    Optional<String> service = reader.string(BROKER_SERVICE);
    Optional<String> namespace = reader.raw("POD_NAMESPACE");
    if (pod.isEmpty() || service.isEmpty() || namespace.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        pod.get() + "." + service.get() + "." + namespace.get() + ".svc.cluster.local");
  }

  private static S3Settings s3(ConfigReader reader) {
    var bucket = reader.raw(S3_BUCKET.name());
    var endpoint = reader.uri(S3_ENDPOINT);
    boolean pathStyle = reader.bool(S3_PATH_STYLE);
    String region = reader.string(S3_REGION).orElseThrow();
    String accessKey = reader.raw(S3_ACCESS_KEY.name()).orElse(null);
    String secretKey = reader.raw(S3_SECRET_KEY.name()).orElse(null);
    String token = reader.raw(S3_SESSION_TOKEN.name()).orElse(null);
    String kmsArn = reader.raw(S3_KMS_ARN.name()).orElse(null);
    if (bucket.isEmpty()) {
      // S3 settings without a bucket mean the operator expected S3: never fall back silently.
      for (ConfigVar var : S3_ONLY) {
        if (reader.raw(var.name()).isPresent()) {
          reader.problem(var.name() + " is set but " + S3_BUCKET.name() + " is not");
        }
      }
      return null;
    }
    if ((accessKey == null) != (secretKey == null)) {
      reader.problem(
          S3_ACCESS_KEY.name() + " and " + S3_SECRET_KEY.name() + " must be set together");
    }
    if (token != null && accessKey == null) {
      reader.problem(S3_SESSION_TOKEN.name() + " needs " + S3_ACCESS_KEY.name());
    }
    return new S3Settings(
        bucket.get(),
        region,
        endpoint.orElse(null),
        pathStyle,
        accessKey,
        secretKey,
        token,
        kmsArn);
  }

  static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
