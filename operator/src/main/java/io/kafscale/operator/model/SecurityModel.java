/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.BrokerEnvModel.field;
import static io.kafscale.operator.model.BrokerEnvModel.value;
import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker side of {@code spec.security}: the listener, TLS, SASL, authorization and limit
 * variables of docs/configuration.md, and the certificate and PLAIN-users Secrets as read-only
 * volumes whose file paths those variables name (Secrets are never copied into the environment, and
 * a mounted Secret follows its updates, which the broker's certificate reload picks up). Pure.
 */
public final class SecurityModel {
  /** Where the TLS Secret (tls.crt, tls.key, ca.crt) is mounted. */
  public static final String TLS_DIR = "/etc/kafscale/tls";

  /** Where the PLAIN users Secret is mounted. */
  public static final String SASL_DIR = "/etc/kafscale/sasl";

  public static final String TLS_CERT_KEY = "tls.crt";
  public static final String TLS_KEY_KEY = "tls.key";
  public static final String TLS_CA_KEY = "ca.crt";
  public static final String PLAIN_USERS_KEY = "users";

  private SecurityModel() {}

  /** The spec's security section, never null. */
  static KafscaleClusterSpec.Security security(KafscaleCluster c) {
    return or(ClusterDefaults.spec(c).security, new KafscaleClusterSpec.Security());
  }

  /** The key of the PLAIN users file in its Secret. */
  public static String plainUsersKey(KafscaleClusterSpec.PlainUsersSecretRef ref) {
    return or(ref.key, PLAIN_USERS_KEY);
  }

  /** True when the CA file is needed: client certificates are requested or required. */
  public static boolean clientAuth(KafscaleClusterSpec.Tls tls) {
    return tls != null && tls.clientAuth != null && !"none".equals(tls.clientAuth);
  }

  /** The listener variables, replacing the legacy KAFSCALE_BROKER_ADDR/HOST/PORT ones. */
  static List<EnvVar> listenerEnv(KafscaleCluster c) {
    List<EnvVar> env = new ArrayList<>();
    // The kubelet expands $(NODE_NAME)/$(HOST_IP) in advertised templates from these.
    env.add(field("NODE_NAME", "spec.nodeName"));
    env.add(field("HOST_IP", "status.hostIP"));
    env.add(value("KAFSCALE_LISTENERS", ListenerModel.listenersValue(c)));
    env.add(value("KAFSCALE_ADVERTISED_LISTENERS", ListenerModel.advertisedValue(c)));
    env.add(value("KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP", ListenerModel.protocolMapValue(c)));
    env.add(value("KAFSCALE_INTER_BROKER_LISTENER_NAME", ListenerModel.interBroker(c).name));
    return env;
  }

  /** TLS, SASL, authorization and limit variables (empty without a security section). */
  static List<EnvVar> env(KafscaleCluster c) {
    KafscaleClusterSpec.Security s = security(c);
    List<EnvVar> env = new ArrayList<>();
    if (s.tls != null) {
      env.add(value("KAFSCALE_SSL_CERT_FILE", TLS_DIR + "/" + TLS_CERT_KEY));
      env.add(value("KAFSCALE_SSL_KEY_FILE", TLS_DIR + "/" + TLS_KEY_KEY));
      if (clientAuth(s.tls)) {
        env.add(value("KAFSCALE_SSL_CA_FILE", TLS_DIR + "/" + TLS_CA_KEY));
      }
      optional(env, "KAFSCALE_SSL_CLIENT_AUTH", s.tls.clientAuth);
      optional(env, "KAFSCALE_SSL_RELOAD_INTERVAL_MS", s.tls.reloadIntervalMs);
    }
    sasl(c, s, env);
    if (s.authorization != null) {
      KafscaleClusterSpec.Authorization a = s.authorization;
      optional(env, "KAFSCALE_AUTHORIZER_ENABLED", a.enabled);
      if (a.superUsers != null && !a.superUsers.isEmpty()) {
        env.add(value("KAFSCALE_SUPER_USERS", String.join(";", a.superUsers)));
      }
      optional(env, "KAFSCALE_ALLOW_EVERYONE_IF_NO_ACL_FOUND", a.allowEveryoneIfNoAclFound);
    }
    if (s.limits != null) {
      optional(env, "KAFSCALE_MAX_CONNECTIONS_PER_IP", s.limits.maxConnectionsPerIp);
      optional(env, "KAFSCALE_CONNECTION_IDLE_TIMEOUT_MS", s.limits.idleTimeoutMs);
    }
    return env;
  }

  private static void sasl(KafscaleCluster c, KafscaleClusterSpec.Security s, List<EnvVar> env) {
    boolean saslListener =
        ListenerModel.listeners(c).stream().anyMatch(l -> l.protocol.startsWith("SASL_"));
    if (s.sasl == null && !saslListener) {
      return;
    }
    KafscaleClusterSpec.Sasl sasl = or(s.sasl, new KafscaleClusterSpec.Sasl());
    List<String> mechanisms = new ArrayList<>();
    if (sasl.mechanisms != null) {
      mechanisms.addAll(sasl.mechanisms);
    } else {
      // PLAIN only with a users file: the broker's own default would offer it without users.
      if (sasl.plainUsersSecretRef != null) {
        mechanisms.add("PLAIN");
      }
      mechanisms.addAll(List.of("SCRAM-SHA-256", "SCRAM-SHA-512"));
    }
    env.add(value("KAFSCALE_SASL_ENABLED_MECHANISMS", String.join(",", mechanisms)));
    if (sasl.plainUsersSecretRef != null) {
      env.add(
          value(
              "KAFSCALE_SASL_PLAIN_USERS_FILE",
              SASL_DIR + "/" + plainUsersKey(sasl.plainUsersSecretRef)));
    }
    optional(env, "KAFSCALE_SASL_SESSION_LIFETIME_MS", sasl.sessionLifetimeMs);
  }

  /** The Secrets the broker reads files from, as volumes. */
  static List<Volume> volumes(KafscaleCluster c) {
    KafscaleClusterSpec.Security s = security(c);
    List<Volume> v = new ArrayList<>();
    if (s.tls != null && s.tls.secretRef != null) {
      v.add(secretVolume("tls", s.tls.secretRef.name));
    }
    if (s.sasl != null && s.sasl.plainUsersSecretRef != null) {
      v.add(secretVolume("sasl-plain-users", s.sasl.plainUsersSecretRef.name));
    }
    return v;
  }

  /** Read-only mounts of {@link #volumes}. */
  static List<VolumeMount> mounts(KafscaleCluster c) {
    return volumes(c).stream()
        .map(
            v ->
                new VolumeMountBuilder()
                    .withName(v.getName())
                    .withMountPath("tls".equals(v.getName()) ? TLS_DIR : SASL_DIR)
                    .withReadOnly(true)
                    .build())
        .toList();
  }

  private static Volume secretVolume(String name, String secret) {
    return new VolumeBuilder()
        .withName(name)
        .withNewSecret()
        .withSecretName(secret)
        // Owner and group only: the pod's fsGroup makes the broker's group own the files.
        .withDefaultMode(0440)
        .endSecret()
        .build();
  }

  private static void optional(List<EnvVar> env, String name, Object v) {
    if (v != null) {
      env.add(value(name, v));
    }
  }
}
