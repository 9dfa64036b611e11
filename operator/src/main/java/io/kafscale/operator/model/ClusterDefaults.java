/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Every default of a {@link KafscaleCluster} spec in one place, and the names of the objects the
 * operator derives from it. Pure and stateless.
 */
public final class ClusterDefaults {
  /**
   * The project version this operator was built from (e.g. {@code 0.1.0-SNAPSHOT}): the tag of the
   * images it deploys by default, the same as the Helm chart's appVersion.
   */
  public static final String VERSION = projectVersion();

  public static final String BROKER_IMAGE = "ghcr.io/kafscale/kafscale-broker:" + VERSION;
  public static final String CONSOLE_IMAGE = "ghcr.io/kafscale/kafscale-console:" + VERSION;
  public static final String ETCD_IMAGE = "quay.io/coreos/etcd:v3.5.21";
  public static final String SNAPSHOT_IMAGE = "amazon/aws-cli:2.27.0";
  public static final int REPLICAS = 3;
  public static final int KAFKA_PORT = 9092;
  public static final int ADMIN_PORT = 9093;
  public static final int EXTERNAL_PORT = 9094;
  public static final int CONSOLE_PORT = 8080;
  public static final int ETCD_CLIENT_PORT = 2379;
  public static final int ETCD_PEER_PORT = 2380;
  public static final int SHUTDOWN_TIMEOUT_MS = 30_000;
  public static final String JVM_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";
  public static final String DATA_DIR = "/var/lib/kafscale";

  /** Seconds of the preStop sleep: lets Service endpoints drop the pod before SIGTERM. */
  public static final int PRE_STOP_SECONDS = 5;

  /**
   * Grace beyond preStop and the three shutdown-timeout waits: up to 10 s to resign as controller
   * and leave the cluster (ClusterNode.close), 10 s to close servers and stores and exit the JVM.
   */
  public static final int EXIT_MARGIN_SECONDS = 20;

  public static final int RUN_AS_USER = 10001;

  private ClusterDefaults() {}

  /** Reads the build's version.properties; a jar without it was built wrongly, so fail loudly. */
  private static String projectVersion() {
    try (InputStream in = ClusterDefaults.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties missing from the operator jar");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.contains("${")) {
        throw new IllegalStateException("version.properties was not filtered: version=" + v);
      }
      return v.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static KafscaleClusterSpec.Brokers brokers(KafscaleCluster c) {
    KafscaleClusterSpec.Brokers b = spec(c).brokers;
    return b == null ? new KafscaleClusterSpec.Brokers() : b;
  }

  public static KafscaleClusterSpec spec(KafscaleCluster c) {
    return c.getSpec() == null ? new KafscaleClusterSpec() : c.getSpec();
  }

  public static String name(KafscaleCluster c) {
    return c.getMetadata().getName();
  }

  public static String namespace(KafscaleCluster c) {
    return Optional.ofNullable(c.getMetadata().getNamespace()).orElse("default");
  }

  public static String brokerName(KafscaleCluster c) {
    return name(c) + "-broker";
  }

  public static String headlessName(KafscaleCluster c) {
    return name(c) + "-broker-headless";
  }

  public static String externalName(KafscaleCluster c) {
    return name(c) + "-broker-external";
  }

  public static String etcdName(KafscaleCluster c) {
    return name(c) + "-etcd";
  }

  public static String etcdClientName(KafscaleCluster c) {
    return name(c) + "-etcd-client";
  }

  public static String snapshotName(KafscaleCluster c) {
    return name(c) + "-etcd-snapshot";
  }

  public static String consoleName(KafscaleCluster c) {
    return name(c) + "-console";
  }

  public static int replicas(KafscaleCluster c) {
    return or(brokers(c).replicas, REPLICAS);
  }

  /**
   * The in-cluster Kafka port: the inter-broker (PLAINTEXT) listener's when listeners are named,
   * else brokers.port. The bootstrap Service, the console and the status endpoint use it.
   */
  public static int kafkaPort(KafscaleCluster c) {
    if (ListenerModel.enabled(c)) {
      return ListenerModel.interBroker(c).port;
    }
    return or(brokers(c).port, KAFKA_PORT);
  }

  public static int adminPort(KafscaleCluster c) {
    return or(brokers(c).adminPort, ADMIN_PORT);
  }

  public static int shutdownTimeoutMs(KafscaleCluster c) {
    return or(brokers(c).shutdownTimeoutMs, SHUTDOWN_TIMEOUT_MS);
  }

  /**
   * The longest a broker can take to stop, so the kubelet never kills a draining broker: preStop
   * sleep, then with T the shutdown timeout, up to T to mark itself draining and T for its
   * partitions to move (ClusterNode.drain), up to T to release what is left (ClusterNode.close),
   * then {@link #EXIT_MARGIN_SECONDS}.
   */
  public static long terminationGracePeriodSeconds(KafscaleCluster c) {
    return PRE_STOP_SECONDS + 3 * ((shutdownTimeoutMs(c) + 999L) / 1000) + EXIT_MARGIN_SECONDS;
  }

  public static boolean autoscaling(KafscaleCluster c) {
    KafscaleClusterSpec.Autoscaling a = brokers(c).autoscaling;
    return a != null && Boolean.TRUE.equals(a.enabled);
  }

  /** The legacy external access; ignored when listeners are named (the CRD refuses both). */
  public static boolean external(KafscaleCluster c) {
    KafscaleClusterSpec.External e = brokers(c).external;
    return e != null && Boolean.TRUE.equals(e.enabled) && !ListenerModel.enabled(c);
  }

  public static int externalPort(KafscaleCluster c) {
    return or(brokers(c).external.advertisedPort, EXTERNAL_PORT);
  }

  /** Managed etcd runs when the spec names no external endpoints. */
  public static boolean managedEtcd(KafscaleCluster c) {
    KafscaleClusterSpec.Etcd e = spec(c).etcd;
    return e == null || e.endpoints == null || e.endpoints.isEmpty();
  }

  public static KafscaleClusterSpec.ManagedEtcd managed(KafscaleCluster c) {
    KafscaleClusterSpec.Etcd e = spec(c).etcd;
    return e == null || e.managed == null ? new KafscaleClusterSpec.ManagedEtcd() : e.managed;
  }

  public static int etcdReplicas(KafscaleCluster c) {
    return or(managed(c).replicas, 3);
  }

  /** Client endpoints the brokers and the operator use. */
  public static String etcdEndpoints(KafscaleCluster c) {
    if (!managedEtcd(c)) {
      return String.join(",", spec(c).etcd.endpoints);
    }
    return "http://" + etcdClientName(c) + "." + namespace(c) + ".svc:" + ETCD_CLIENT_PORT;
  }

  public static boolean snapshots(KafscaleCluster c) {
    KafscaleClusterSpec.Snapshot s = managed(c).snapshot;
    return managedEtcd(c) && s != null && Boolean.TRUE.equals(s.enabled);
  }

  public static boolean console(KafscaleCluster c) {
    KafscaleClusterSpec.Console con = spec(c).console;
    return con != null && Boolean.TRUE.equals(con.enabled);
  }

  /**
   * Object key prefix: {@code {kubernetes namespace}/{cluster name}} unless the spec says
   * otherwise. Joined with '/', which neither part may contain, so two clusters never share a
   * prefix (with '-' cluster "b-c" in namespace "a" and cluster "c" in namespace "a-b" would).
   */
  public static String s3Namespace(KafscaleCluster c) {
    KafscaleClusterSpec.S3 s3 = spec(c).s3;
    if (s3 != null && s3.namespace != null) {
      return s3.namespace;
    }
    return namespace(c) + "/" + name(c);
  }

  public static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
