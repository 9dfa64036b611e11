/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.BrokerEnvModel.secret;
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
import java.util.Optional;

/**
 * How the console's Kafka clients log into the cluster ({@code spec.console.kafka}): the bootstrap
 * address of the chosen listener and the {@code KAFSCALE_CONSOLE_KAFKA_*} client properties. The
 * SASL password never appears in the pod spec: the user name and password come from the Secret as
 * helper variables outside the console's {@code KAFSCALE_CONSOLE_KAFKA_} prefix (so the console
 * does not pass them to its clients) and the kubelet expands them into the JAAS line with {@code
 * $(VAR)}, which only sees variables declared before it. For SASL_SSL only the {@code ca.crt} key
 * of the cluster's TLS Secret is mounted, never the brokers' private key. Pure.
 */
public final class ConsoleKafkaModel {
  /** Helper variables holding the console principal's credentials (not client properties). */
  public static final String USERNAME_VAR = "KAFKA_SASL_USERNAME";

  public static final String PASSWORD_VAR = "KAFKA_SASL_PASSWORD";

  public static final String DEFAULT_PROTOCOL = "PLAINTEXT";
  public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

  /** Where the CA certificate of a SASL_SSL listener is mounted in the console pod. */
  public static final String CA_DIR = "/etc/kafscale/kafka-ca";

  static final String CA_VOLUME = "kafka-ca";

  private static final String PREFIX = "KAFSCALE_CONSOLE_KAFKA_";

  private ConsoleKafkaModel() {}

  private static KafscaleClusterSpec.ConsoleKafka spec(KafscaleCluster c) {
    return or(ClusterDefaults.spec(c).console.kafka, new KafscaleClusterSpec.ConsoleKafka());
  }

  /** The console's security protocol (default PLAINTEXT). */
  public static String protocol(KafscaleCluster c) {
    return or(spec(c).securityProtocol, DEFAULT_PROTOCOL);
  }

  private static boolean sasl(KafscaleCluster c) {
    return protocol(c).startsWith("SASL_");
  }

  private static boolean ssl(KafscaleCluster c) {
    return protocol(c).endsWith("SSL");
  }

  /**
   * The brokers' bootstrap Service on the named listener's port (it carries every listener's port),
   * else on the in-cluster (inter-broker) port.
   */
  public static String bootstrapServers(KafscaleCluster c) {
    String named = spec(c).listener;
    int port =
        ListenerModel.listeners(c).stream()
            .filter(l -> l.name.equals(named))
            .map(l -> l.port)
            .findFirst()
            .orElseGet(() -> ClusterDefaults.kafkaPort(c));
    return ClusterDefaults.brokerName(c) + "." + ClusterDefaults.namespace(c) + ".svc:" + port;
  }

  /** The client-property variables (nothing for the default unauthenticated PLAINTEXT). */
  static List<EnvVar> env(KafscaleCluster c) {
    List<EnvVar> env = new ArrayList<>();
    if (DEFAULT_PROTOCOL.equals(protocol(c))) {
      return env;
    }
    env.add(value(PREFIX + "SECURITY_PROTOCOL", protocol(c)));
    if (ssl(c)) {
      env.add(value(PREFIX + "SSL_TRUSTSTORE_TYPE", "PEM"));
      env.add(value(PREFIX + "SSL_TRUSTSTORE_LOCATION", CA_DIR + "/" + SecurityModel.TLS_CA_KEY));
    }
    KafscaleClusterSpec.ConsoleCredentialsSecretRef ref = spec(c).credentialsSecretRef;
    if (sasl(c) && ref != null) {
      // Without a ref the CRD refuses the spec.
      String mechanism = or(spec(c).saslMechanism, DEFAULT_MECHANISM);
      env.add(value(PREFIX + "SASL_MECHANISM", mechanism));
      env.add(secret(USERNAME_VAR, ref.name, or(ref.usernameKey, ConsoleModel.USERNAME_KEY)));
      env.add(secret(PASSWORD_VAR, ref.name, or(ref.passwordKey, ConsoleModel.PASSWORD_KEY)));
      env.add(value(PREFIX + "SASL_JAAS_CONFIG", jaas(mechanism)));
    }
    return env;
  }

  /** The JAAS line with references the kubelet replaces by the Secret's values. */
  static String jaas(String mechanism) {
    String module =
        "PLAIN".equals(mechanism)
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module
        + " required username=\"$("
        + USERNAME_VAR
        + ")\" password=\"$("
        + PASSWORD_VAR
        + ")\";";
  }

  /** The CA volume of a SASL_SSL console: only ca.crt of the cluster's TLS Secret. */
  static Optional<Volume> caVolume(KafscaleCluster c) {
    KafscaleClusterSpec.Tls tls = SecurityModel.security(c).tls;
    if (!ssl(c) || tls == null || tls.secretRef == null) {
      return Optional.empty();
    }
    return Optional.of(
        new VolumeBuilder()
            .withName(CA_VOLUME)
            .withNewSecret()
            .withSecretName(tls.secretRef.name)
            .addNewItem()
            .withKey(SecurityModel.TLS_CA_KEY)
            .withPath(SecurityModel.TLS_CA_KEY)
            .endItem()
            .endSecret()
            .build());
  }

  static Optional<VolumeMount> caMount(KafscaleCluster c) {
    return caVolume(c)
        .map(
            v ->
                new VolumeMountBuilder()
                    .withName(CA_VOLUME)
                    .withMountPath(CA_DIR)
                    .withReadOnly(true)
                    .build());
  }
}
