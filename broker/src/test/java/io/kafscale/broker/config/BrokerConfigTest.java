/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafscale.broker.group.LagConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

  private static BrokerConfig load(Map<String, String> env) {
    return BrokerConfig.load(env, () -> "local-host");
  }

  @Test
  void shouldUseDocumentedDefaultsWhenNothingIsSet() {
    // When
    BrokerConfig config = load(Map.of());

    // Then
    assertThat(config.brokerId()).as("allocated at registration").isNegative();
    assertThat(config.network().listen()).isEqualTo(new HostPort("127.0.0.1", 9092));
    assertThat(config.network().advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(config.network().advertisedPort()).isEqualTo(9092);
    assertThat(config.network().admin()).isEqualTo(new HostPort("127.0.0.1", 9093));
    assertThat(config.network().maxFrameBytes()).isEqualTo(100 * 1024 * 1024);
    assertThat(config.network().maxInflightBytesPerConnection()).isEqualTo(64L * 1024 * 1024);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.usesS3()).isFalse();
    assertThat(config.storage().namespace()).isEqualTo("default");
    assertThat(config.storage().flushMaxBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(config.storage().flushMaxAge()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.storage().cacheBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(config.storage().idleFlushBytes()).isEqualTo(64L * 1024);
    assertThat(config.storage().idleFlushDelay()).isEqualTo(Duration.ofMillis(3));
    assertThat(config.localFsync()).isTrue();
    assertThat(config.autoCreateTopics()).isTrue();
    assertThat(config.autoCreatePartitions()).isEqualTo(1);
    assertThat(config.logLevel()).isEqualTo("INFO");
  }

  @Test
  void shouldReadEveryVariable() {
    // Given
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("KAFSCALE_BROKER_ADDR", "0.0.0.0:19092"),
            Map.entry("KAFSCALE_BROKER_HOST", "broker-0.kafscale"),
            Map.entry("KAFSCALE_BROKER_PORT", "29092"),
            Map.entry("KAFSCALE_BROKER_ID", "3"),
            Map.entry("KAFSCALE_METRICS_ADDR", ":19093"),
            Map.entry("KAFSCALE_DATA_DIR", "/var/lib/kafscale"),
            Map.entry("KAFSCALE_S3_BUCKET", "segments"),
            Map.entry("KAFSCALE_S3_REGION", "eu-west-1"),
            Map.entry("KAFSCALE_S3_ENDPOINT", "http://127.0.0.1:9000"),
            Map.entry("KAFSCALE_S3_PATH_STYLE", "TRUE"),
            Map.entry("KAFSCALE_S3_ACCESS_KEY", "AKIA"),
            Map.entry("KAFSCALE_S3_SECRET_KEY", "s3cr3t"),
            Map.entry("KAFSCALE_S3_SESSION_TOKEN", "tok"),
            Map.entry("KAFSCALE_S3_NAMESPACE", "prod"),
            Map.entry("KAFSCALE_S3_KMS_ARN", "arn:aws:kms:eu-west-1:1:key/k"),
            Map.entry("KAFSCALE_SEGMENT_BYTES", "1048576"),
            Map.entry("KAFSCALE_FLUSH_INTERVAL_MS", "25"),
            Map.entry("KAFSCALE_FLUSH_IDLE_BYTES", "0"),
            Map.entry("KAFSCALE_FLUSH_IDLE_DELAY_MS", "7"),
            Map.entry("KAFSCALE_LOCAL_FSYNC", "false"),
            Map.entry("KAFSCALE_CACHE_BYTES", "0"),
            Map.entry("KAFSCALE_AUTO_CREATE_TOPICS", "false"),
            Map.entry("KAFSCALE_AUTO_CREATE_PARTITIONS", "6"),
            Map.entry("KAFSCALE_LOG_LEVEL", "debug"),
            Map.entry("KAFSCALE_MAX_FRAME_BYTES", "2048"),
            Map.entry("KAFSCALE_MAX_INFLIGHT_BYTES_PER_CONNECTION", "4096"));

    // When
    BrokerConfig config = load(env);

    // Then
    assertThat(config.brokerId()).isEqualTo(3);
    assertThat(config.network())
        .isEqualTo(
            new NetworkConfig(
                new HostPort("0.0.0.0", 19092),
                "broker-0.kafscale",
                29092,
                new HostPort("0.0.0.0", 19093),
                2048,
                4096));
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/kafscale"));
    assertThat(config.s3())
        .isEqualTo(
            new S3Settings(
                "segments",
                "eu-west-1",
                URI.create("http://127.0.0.1:9000"),
                true,
                "AKIA",
                "s3cr3t",
                "tok",
                "arn:aws:kms:eu-west-1:1:key/k"));
    assertThat(config.storage().namespace()).isEqualTo("prod");
    assertThat(config.storage().flushMaxBytes()).isEqualTo(1048576);
    assertThat(config.storage().flushMaxAge()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.storage().cacheBytes()).isZero();
    assertThat(config.storage().idleFlushBytes()).isZero();
    assertThat(config.storage().idleFlushDelay()).isEqualTo(Duration.ofMillis(7));
    assertThat(config.localFsync()).isFalse();
    assertThat(config.autoCreateTopics()).isFalse();
    assertThat(config.autoCreatePartitions()).isEqualTo(6);
    assertThat(config.logLevel()).isEqualTo("DEBUG");
  }

  @Test
  void shouldReportGroupTotalsOnlyEveryThirtySecondsForAtMostAThousandGroupsByDefault() {
    // When
    BrokerConfig config = load(Map.of());

    // Then
    assertThat(config.lag()).isEqualTo(LagConfig.defaults());
    assertThat(config.lag()).isEqualTo(new LagConfig(Duration.ofSeconds(30), false, 1000));
  }

  @Test
  void shouldReadTheLagSettings() {
    // When
    BrokerConfig config =
        load(
            Map.of(
                "KAFSCALE_LAG_INTERVAL_MS", "500",
                "KAFSCALE_LAG_METRICS_PER_PARTITION", "true",
                "KAFSCALE_LAG_METRICS_MAX_GROUPS", "0"));

    // Then
    assertThat(config.lag()).isEqualTo(new LagConfig(Duration.ofMillis(500), true, 0));
  }

  @Test
  void shouldRejectALagIntervalBelowItsMinimum() {
    // When / Then
    assertThatThrownBy(() -> load(Map.of("KAFSCALE_LAG_INTERVAL_MS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_LAG_INTERVAL_MS");
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_BROKER_ADDR", "127.0.0.1:http",
            "KAFSCALE_METRICS_ADDR", "nonsense",
            "KAFSCALE_BROKER_PORT", "70000",
            "KAFSCALE_AUTO_CREATE_TOPICS", "yes",
            "KAFSCALE_SEGMENT_BYTES", "-5",
            "KAFSCALE_CACHE_BYTES", "lots",
            "KAFSCALE_LOG_LEVEL", "LOUD");

    // When
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

    // Then
    assertThat(e.problems())
        .hasSize(7)
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_BROKER_ADDR='127.0.0.1:http'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_METRICS_ADDR='nonsense'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_BROKER_PORT='70000'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_AUTO_CREATE_TOPICS='yes'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_SEGMENT_BYTES='-5'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_CACHE_BYTES='lots'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_LOG_LEVEL='LOUD'"));
    assertThat(e.getMessage()).contains("7 problems");
  }

  @Test
  void shouldWaitLongerForTheWindowWhenObjectsGoToS3() {
    // When
    BrokerConfig local = load(Map.of());
    BrokerConfig s3 = load(Map.of("KAFSCALE_S3_BUCKET", "segments"));

    // Then: an S3 PUT outlasts the wait and costs money
    assertThat(local.storage().idleFlushDelay()).isEqualTo(Duration.ofMillis(3));
    assertThat(s3.storage().idleFlushDelay()).isEqualTo(Duration.ofMillis(10));
    assertThat(s3.storage().idleFlushBytes()).isEqualTo(64L * 1024);
    assertThat(s3.localFsync()).isTrue();
  }

  @Test
  void shouldUseAnExplicitIdleFlushDelayWithEitherStore() {
    // When
    BrokerConfig local = load(Map.of("KAFSCALE_FLUSH_IDLE_DELAY_MS", "2"));
    BrokerConfig s3 =
        load(Map.of("KAFSCALE_S3_BUCKET", "segments", "KAFSCALE_FLUSH_IDLE_DELAY_MS", "0"));

    // Then
    assertThat(local.storage().idleFlushDelay()).isEqualTo(Duration.ofMillis(2));
    assertThat(s3.storage().idleFlushDelay()).isZero();
  }

  @Test
  void shouldReportInvalidFlushAndFsyncSettings() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_FLUSH_IDLE_BYTES", "-1",
            "KAFSCALE_FLUSH_IDLE_DELAY_MS", "soon",
            "KAFSCALE_LOCAL_FSYNC", "maybe");

    // When
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

    // Then
    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_FLUSH_IDLE_BYTES='-1'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_FLUSH_IDLE_DELAY_MS='soon'"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFSCALE_LOCAL_FSYNC='maybe'"));
  }

  @Test
  void shouldNeverPrintSecretValues() {
    // Given: a secret key without its access key
    Map<String, String> env =
        Map.of("KAFSCALE_S3_BUCKET", "b", "KAFSCALE_S3_SECRET_KEY", "hunter2-very-secret");

    // When
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

    // Then
    assertThat(e.getMessage())
        .contains("KAFSCALE_S3_ACCESS_KEY and KAFSCALE_S3_SECRET_KEY must be set together")
        .doesNotContain("hunter2");
  }

  @Test
  void shouldHideSecretsWhenSettingsArePrinted() {
    // Given
    BrokerConfig config =
        load(
            Map.of(
                "KAFSCALE_S3_BUCKET", "b",
                "KAFSCALE_S3_ACCESS_KEY", "AKIA-id",
                "KAFSCALE_S3_SECRET_KEY", "hunter2-very-secret",
                "KAFSCALE_S3_SESSION_TOKEN", "token-very-secret"));

    // When
    String printed = config.toString();

    // Then
    assertThat(printed).doesNotContain("hunter2").doesNotContain("token-very-secret");
    assertThat(printed).contains("credentials=static");
  }

  @Test
  void shouldRejectS3SettingsWithoutABucketRatherThanFallBackSilently() {
    // When / Then
    assertThatThrownBy(() -> load(Map.of("KAFSCALE_S3_ENDPOINT", "http://127.0.0.1:9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_S3_ENDPOINT is set but KAFSCALE_S3_BUCKET is not");
  }

  @Test
  void shouldRejectANonHttpEndpoint() {
    // When / Then
    assertThatThrownBy(
            () -> load(Map.of("KAFSCALE_S3_BUCKET", "b", "KAFSCALE_S3_ENDPOINT", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_S3_ENDPOINT='ftp://x' is invalid");
  }

  @Test
  void shouldAdvertiseThePodIpWhenListeningOnAllInterfaces() {
    // When
    BrokerConfig config =
        load(Map.of("KAFSCALE_BROKER_ADDR", "0.0.0.0:9092", "POD_IP", "10.1.2.3", "HOSTNAME", "p"));

    // Then
    assertThat(config.network().advertisedHost()).isEqualTo("10.1.2.3");
  }

  @Test
  void shouldAdvertiseTheHostNameWhenListeningOnAllInterfacesWithoutPodIp() {
    // When
    BrokerConfig withHostnameVar = load(Map.of("KAFSCALE_BROKER_ADDR", ":9092", "HOSTNAME", "p"));
    BrokerConfig withoutAny = load(Map.of("KAFSCALE_BROKER_ADDR", ":9092"));

    // Then
    assertThat(withHostnameVar.network().advertisedHost()).isEqualTo("p");
    assertThat(withoutAny.network().advertisedHost()).isEqualTo("local-host");
  }

  @Test
  void shouldAdvertiseTheBoundPortWhenListeningOnPortZero() {
    // When
    BrokerConfig config = load(Map.of("KAFSCALE_BROKER_ADDR", "127.0.0.1:0"));

    // Then
    assertThat(config.network().advertisedPort()).isZero();
  }

  @Test
  void shouldTreatBlankValuesAsUnset() {
    // When
    BrokerConfig config = load(Map.of("KAFSCALE_BROKER_ID", "  ", "KAFSCALE_S3_BUCKET", ""));

    // Then
    assertThat(config.brokerId()).as("allocated at registration").isNegative();
    assertThat(config.usesS3()).isFalse();
  }

  @Test
  void shouldParseIpv6Addresses() {
    // When
    HostPort hostPort = HostPort.parse("[::1]:9092");

    // Then
    assertThat(hostPort).isEqualTo(new HostPort("::1", 9092));
    assertThat(hostPort.toString()).isEqualTo("[::1]:9092");
  }

  @Test
  void shouldUseTheEmbeddedMetadataStoreWhenNoEtcdEndpointIsSet() {
    // When
    BrokerConfig config = load(Map.of("KAFSCALE_DATA_DIR", "/var/lib/kafscale"));

    // Then
    assertThat(config.usesEtcd()).isFalse();
    assertThat(config.etcd()).isNull();
    assertThat(config.metadataStoreKind()).isEqualTo("embedded:/var/lib/kafscale/metadata");
  }

  @Test
  void shouldReadEveryEtcdVariable(@TempDir Path dir) throws IOException {
    // Given
    Path ca = Files.writeString(dir.resolve("ca.pem"), "ca");
    Path cert = Files.writeString(dir.resolve("cert.pem"), "cert");
    Path key = Files.writeString(dir.resolve("key.pem"), "key");
    Map<String, String> env =
        Map.of(
            "KAFSCALE_ETCD_ENDPOINTS",
            " https://etcd-0:2379, etcd-1:2379 ",
            "KAFSCALE_ETCD_USERNAME",
            "kafscale",
            "KAFSCALE_ETCD_PASSWORD",
            "hunter2-etcd",
            "KAFSCALE_ETCD_CA_FILE",
            ca.toString(),
            "KAFSCALE_ETCD_CERT_FILE",
            cert.toString(),
            "KAFSCALE_ETCD_KEY_FILE",
            key.toString());

    // When
    BrokerConfig config = load(env);

    // Then
    assertThat(config.usesEtcd()).isTrue();
    assertThat(config.etcd().endpoints()).containsExactly("https://etcd-0:2379", "etcd-1:2379");
    assertThat(config.etcd().username()).contains("kafscale");
    assertThat(config.etcd().password()).contains("hunter2-etcd");
    assertThat(config.etcd().caFile()).contains(ca);
    assertThat(config.etcd().certFile()).contains(cert);
    assertThat(config.etcd().keyFile()).contains(key);
    assertThat(config.etcd().tls()).isTrue();
    assertThat(config.metadataStoreKind()).isEqualTo("etcd:[https://etcd-0:2379, etcd-1:2379]");
    assertThat(config.toString()).doesNotContain("hunter2-etcd");
  }

  @Test
  void shouldReportEveryEtcdProblemAtOnceWithoutThePassword(@TempDir Path dir) throws IOException {
    // Given: a certificate without its key, a missing CA file, a password without its user and
    // a malformed endpoint
    Path cert = Files.writeString(dir.resolve("cert.pem"), "cert");
    Map<String, String> env =
        Map.of(
            "KAFSCALE_ETCD_ENDPOINTS",
            "http://127.0.0.1:2379,not a url",
            "KAFSCALE_ETCD_PASSWORD",
            "hunter2-etcd",
            "KAFSCALE_ETCD_CA_FILE",
            dir.resolve("missing-ca.pem").toString(),
            "KAFSCALE_ETCD_CERT_FILE",
            cert.toString());

    // When
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

    // Then
    assertThat(e.getMessage())
        .contains("KAFSCALE_ETCD_CERT_FILE and KAFSCALE_ETCD_KEY_FILE must be set together")
        .contains("KAFSCALE_ETCD_USERNAME and KAFSCALE_ETCD_PASSWORD must be set together")
        .contains("KAFSCALE_ETCD_CA_FILE=")
        .contains("no such file")
        .contains("'not a url' is not host:port")
        .doesNotContain("hunter2");
  }

  @Test
  void shouldRejectEtcdSettingsWithoutEndpointsRatherThanFallBackSilently() {
    // When
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    Map.of(
                        "KAFSCALE_ETCD_USERNAME", "kafscale",
                        "KAFSCALE_ETCD_PASSWORD", "hunter2-etcd")));

    // Then
    assertThat(e.getMessage())
        .contains("KAFSCALE_ETCD_USERNAME is set but KAFSCALE_ETCD_ENDPOINTS is not")
        .contains("KAFSCALE_ETCD_PASSWORD is set but KAFSCALE_ETCD_ENDPOINTS is not")
        .doesNotContain("hunter2");
  }

  @Test
  void shouldReadClusterSettingsAndDeriveThePodHostUnderItsHeadlessService() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_BROKER_ADDR", "0.0.0.0:9092",
            "POD_NAME", "kafscale-broker-7f9c",
            "POD_NAMESPACE", "streaming",
            "KAFSCALE_BROKER_SERVICE", "kafscale-broker-headless",
            "KAFSCALE_BROKER_RACK", "eu-west-1a",
            "KAFSCALE_BROKER_LEASE_TTL_MS", "6000",
            "KAFSCALE_SHUTDOWN_TIMEOUT_MS", "45000");
    // When
    BrokerConfig config = load(env);
    // Then
    assertThat(config.network().advertisedHost())
        .isEqualTo("kafscale-broker-7f9c.kafscale-broker-headless.streaming.svc.cluster.local");
    assertThat(config.rack()).contains("eu-west-1a");
    assertThat(config.cluster().leaseTtl()).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.cluster().leaseSafetyMargin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.cluster().shutdownTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void shouldRejectALeaseTtlBelowOneSecond() {
    // When / Then
    assertThatThrownBy(() -> load(Map.of("KAFSCALE_BROKER_LEASE_TTL_MS", "500")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_BROKER_LEASE_TTL_MS");
  }
}
