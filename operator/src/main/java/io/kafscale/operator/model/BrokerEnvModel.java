/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment handed to each broker container: the {@code KAFSCALE_*} variables of
 * docs/configuration.md derived from the spec, pod fields from the downward API and S3/etcd secrets
 * by reference (never copied); listeners and security come from {@link SecurityModel}. Pure.
 */
public final class BrokerEnvModel {
  /** Where the etcd TLS secret is mounted in the broker container. */
  public static final String ETCD_TLS_DIR = "/etc/kafscale/etcd-tls";

  private BrokerEnvModel() {}

  public static List<EnvVar> build(KafscaleCluster c) {
    KafscaleClusterSpec spec = ClusterDefaults.spec(c);
    KafscaleClusterSpec.Brokers b = ClusterDefaults.brokers(c);
    List<EnvVar> env = new ArrayList<>();
    env.add(field("POD_NAME", "metadata.name"));
    env.add(field("POD_NAMESPACE", "metadata.namespace"));
    env.add(field("POD_IP", "status.podIP"));
    if (ListenerModel.enabled(c)) {
      env.addAll(SecurityModel.listenerEnv(c));
    } else {
      env.add(value("KAFSCALE_BROKER_ADDR", ":" + ClusterDefaults.kafkaPort(c)));
      advertised(c, env);
    }
    env.add(value("KAFSCALE_METRICS_ADDR", ":" + ClusterDefaults.adminPort(c)));
    env.add(value("KAFSCALE_SHUTDOWN_TIMEOUT_MS", ClusterDefaults.shutdownTimeoutMs(c)));
    optional(env, "KAFSCALE_BROKER_LEASE_TTL_MS", b.leaseTtlMs);
    env.add(value("KAFSCALE_DATA_DIR", ClusterDefaults.DATA_DIR));
    s3(c, spec.s3, env);
    env.addAll(etcd(c));
    config(spec.config, env);
    env.addAll(SecurityModel.env(c));
    env.add(value("JAVA_TOOL_OPTIONS", or(b.jvmOptions, ClusterDefaults.JVM_OPTIONS)));
    return env;
  }

  private static void advertised(KafscaleCluster c, List<EnvVar> env) {
    if (!ClusterDefaults.external(c)) {
      // Stateless pods of a Deployment have no stable DNS name: clients reach each by its pod IP.
      env.add(field("KAFSCALE_BROKER_HOST", "status.podIP"));
      env.add(value("KAFSCALE_BROKER_PORT", ClusterDefaults.kafkaPort(c)));
      return;
    }
    // Each broker must advertise its own address: its node's (one broker per node, a hostPort).
    // A template names the node through $(NODE_NAME) / $(HOST_IP), which the kubelet expands
    // from the variables defined just before it; the CRD refuses a template without either.
    KafscaleClusterSpec.External ext = ClusterDefaults.brokers(c).external;
    env.add(field("NODE_NAME", "spec.nodeName"));
    env.add(field("HOST_IP", "status.hostIP"));
    env.add(
        ext.advertisedHost == null
            ? field("KAFSCALE_BROKER_HOST", "status.hostIP")
            : value("KAFSCALE_BROKER_HOST", ext.advertisedHost));
    env.add(value("KAFSCALE_BROKER_PORT", ClusterDefaults.externalPort(c)));
  }

  private static void s3(KafscaleCluster c, KafscaleClusterSpec.S3 s3, List<EnvVar> env) {
    if (s3 == null) {
      return;
    }
    env.add(value("KAFSCALE_S3_BUCKET", s3.bucket));
    env.add(value("KAFSCALE_S3_REGION", or(s3.region, "us-east-1")));
    optional(env, "KAFSCALE_S3_ENDPOINT", s3.endpoint);
    if (s3.pathStyle != null || s3.endpoint != null) {
      // S3-compatible stores behind an endpoint override nearly always need path-style.
      env.add(value("KAFSCALE_S3_PATH_STYLE", or(s3.pathStyle, Boolean.TRUE)));
    }
    env.add(value("KAFSCALE_S3_NAMESPACE", ClusterDefaults.s3Namespace(c)));
    optional(env, "KAFSCALE_S3_KMS_ARN", s3.kmsKeyArn);
    KafscaleClusterSpec.CredentialsSecretRef ref = s3.credentialsSecretRef;
    if (ref != null) {
      env.add(secret("KAFSCALE_S3_ACCESS_KEY", ref.name, or(ref.accessKeyIdKey, "accessKeyId")));
      env.add(
          secret(
              "KAFSCALE_S3_SECRET_KEY", ref.name, or(ref.secretAccessKeyKey, "secretAccessKey")));
      if (ref.sessionTokenKey != null) {
        env.add(secret("KAFSCALE_S3_SESSION_TOKEN", ref.name, ref.sessionTokenKey));
      }
    }
  }

  /**
   * The {@code KAFSCALE_ETCD_*} variables of every etcd client the operator runs (brokers and the
   * console): endpoints, credentials from the auth Secret, TLS files from the Secret mounted at
   * {@link #ETCD_TLS_DIR} (see {@link BrokerDeploymentModel#etcdTlsVolume}).
   */
  static List<EnvVar> etcd(KafscaleCluster c) {
    KafscaleClusterSpec.Etcd etcd = ClusterDefaults.spec(c).etcd;
    List<EnvVar> env = new ArrayList<>();
    env.add(value("KAFSCALE_ETCD_ENDPOINTS", ClusterDefaults.etcdEndpoints(c)));
    if (etcd == null || ClusterDefaults.managedEtcd(c)) {
      return env;
    }
    if (etcd.authSecretRef != null) {
      env.add(secret("KAFSCALE_ETCD_USERNAME", etcd.authSecretRef.name, "username"));
      env.add(secret("KAFSCALE_ETCD_PASSWORD", etcd.authSecretRef.name, "password"));
    }
    if (etcd.tlsSecretRef != null) {
      env.add(value("KAFSCALE_ETCD_CA_FILE", ETCD_TLS_DIR + "/ca.crt"));
      env.add(value("KAFSCALE_ETCD_CERT_FILE", ETCD_TLS_DIR + "/tls.crt"));
      env.add(value("KAFSCALE_ETCD_KEY_FILE", ETCD_TLS_DIR + "/tls.key"));
    }
    return env;
  }

  private static void config(KafscaleClusterSpec.Config cfg, List<EnvVar> env) {
    if (cfg == null) {
      return;
    }
    optional(env, "KAFSCALE_SEGMENT_BYTES", cfg.segmentBytes);
    optional(env, "KAFSCALE_FLUSH_INTERVAL_MS", cfg.flushIntervalMs);
    optional(env, "KAFSCALE_CACHE_BYTES", cfg.cacheBytes);
    optional(env, "KAFSCALE_AUTO_CREATE_TOPICS", cfg.autoCreateTopics);
    optional(env, "KAFSCALE_AUTO_CREATE_PARTITIONS", cfg.autoCreatePartitions);
    optional(env, "KAFSCALE_LOG_LEVEL", cfg.logLevel);
  }

  private static void optional(List<EnvVar> env, String name, Object v) {
    if (v != null) {
      env.add(value(name, v));
    }
  }

  static EnvVar value(String name, Object v) {
    return new EnvVarBuilder().withName(name).withValue(String.valueOf(v)).build();
  }

  static EnvVar field(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  static EnvVar secret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
