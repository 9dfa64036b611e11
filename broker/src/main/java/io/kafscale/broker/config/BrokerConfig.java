/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import io.kafscale.broker.cluster.ClusterSettings;
import io.kafscale.broker.gc.OrphanGcConfig;
import io.kafscale.broker.group.GroupConfig;
import io.kafscale.broker.group.LagConfig;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.storage.log.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole configuration of one broker process, immutable. Built by {@link #load(Map)} from the
 * environment (or a literal map in tests). {@code s3} is null when objects go to {@code
 * dataDir/packs}; {@code etcd} is null when metadata goes to the embedded store under {@code
 * dataDir/metadata}. {@code localFsync} false makes the local-directory object store and the
 * embedded metadata store skip fsync (see {@code KAFSCALE_LOCAL_FSYNC}). {@link #toString()} never
 * shows secrets. {@code retentionCheckInterval} is how often owned partitions are trimmed by
 * retention. A negative {@code brokerId} means the id is allocated when the broker registers.
 * {@code lag} configures the consumer-lag reporter; {@code orphanGc} object garbage collection.
 * {@code compactionCheckInterval} is how often owned partitions of compacted topics are checked.
 * {@code healthCheckInterval} is how often the object and metadata stores are probed for {@code
 * /readyz}. {@code authorizer} configures ACL enforcement.
 */
public record BrokerConfig(
    int brokerId,
    Optional<String> rack,
    ClusterSettings cluster,
    NetworkConfig network,
    Path dataDir,
    S3Settings s3,
    EtcdConfig etcd,
    StorageConfig storage,
    boolean localFsync,
    boolean autoCreateTopics,
    int autoCreatePartitions,
    String logLevel,
    GroupConfig groups,
    Duration retentionCheckInterval,
    LagConfig lag,
    OrphanGcConfig orphanGc,
    Duration compactionCheckInterval,
    Duration healthCheckInterval,
    io.kafscale.broker.security.acl.AuthorizerConfig authorizer) {

  public BrokerConfig {
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(retentionCheckInterval, "retentionCheckInterval");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(orphanGc, "orphanGc");
    Objects.requireNonNull(compactionCheckInterval, "compactionCheckInterval");
    Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
    Objects.requireNonNull(authorizer, "authorizer");
  }

  /**
   * Loads and validates every catalogue variable from {@code env}.
   *
   * @throws ConfigException listing every problem found
   */
  public static BrokerConfig load(Map<String, String> env) {
    return BrokerConfigLoader.load(env, BrokerConfigLoader::localHostName);
  }

  /** As {@link #load(Map)}, with the local host name (used for wildcard listeners) injected. */
  public static BrokerConfig load(Map<String, String> env, Supplier<String> localHostName) {
    return BrokerConfigLoader.load(env, localHostName);
  }

  /** Whether objects are stored in S3 rather than the data directory. */
  public boolean usesS3() {
    return s3 != null;
  }

  /** Whether metadata is kept in etcd rather than the embedded store. */
  public boolean usesEtcd() {
    return etcd != null;
  }

  /** Where metadata goes, safe to log: {@code etcd:[endpoints]} or {@code embedded:<dir>}. */
  public String metadataStoreKind() {
    return usesEtcd()
        ? "etcd:" + etcd.endpoints()
        : "embedded:" + dataDir.resolve("metadata").toAbsolutePath().normalize();
  }

  /** A copy with another network configuration (tests use it to pick free ports). */
  public BrokerConfig withNetwork(NetworkConfig other) {
    return new BrokerConfig(
        brokerId,
        rack,
        cluster,
        other,
        dataDir,
        s3,
        etcd,
        storage,
        localFsync,
        autoCreateTopics,
        autoCreatePartitions,
        logLevel,
        groups,
        retentionCheckInterval,
        lag,
        orphanGc,
        compactionCheckInterval,
        healthCheckInterval,
        authorizer);
  }
}
