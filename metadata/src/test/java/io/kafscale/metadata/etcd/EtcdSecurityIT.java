/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.metadata.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd store against a real etcd secured the two ways issue 3 asks for ({@code
 * KAFSCALE_ETCD_CA_FILE}/{@code _CERT_FILE}/{@code _KEY_FILE} and {@code KAFSCALE_ETCD_USERNAME}/
 * {@code _PASSWORD}): one server with mutual TLS on its client port and one with authentication
 * enabled through {@code etcdctl}. Each setting works for reads, transactions, leases and watches,
 * and a client missing it fails fast with a {@link MetadataStoreException} instead of hanging.
 */
class EtcdSecurityIT {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** A refused client must fail well within this, never hang. */
  private static final long FAIL_WITHIN_SECONDS = 10;

  private static final String ROOT_PASSWORD = "s3cret-root";

  @TempDir static Path pkiDir;

  private static TestPki pki;
  private static EtcdServer tlsServer;
  private static EtcdServer authServer;

  @BeforeAll
  static void startServers() {
    pki = TestPki.create(pkiDir);
    tlsServer = EtcdServer.startWithTls(pki.serverTls());
    authServer = EtcdServer.start();
    // etcd refuses "auth enable" until a root user holding the root role exists.
    authServer.etcdctl("user", "add", "root", "--new-user-password=" + ROOT_PASSWORD);
    authServer.etcdctl("role", "add", "root");
    authServer.etcdctl("user", "grant-role", "root", "root");
    authServer.etcdctl("auth", "enable");
  }

  @AfterAll
  static void stopServers() {
    if (tlsServer != null) {
      tlsServer.close();
    }
    if (authServer != null) {
      authServer.close();
    }
  }

  @Test
  void shouldReadWriteAndWatchOverMutualTlsWithCaCertAndKeyFiles() throws Exception {
    // Given
    EtcdConfig config =
        tlsConfig(
            Optional.of(pki.caFile()),
            Optional.of(pki.clientCertFile()),
            Optional.of(pki.clientKeyFile()));
    // When
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // Then
      assertThat(config.endpointUris().getFirst().getScheme()).isEqualTo("https");
      assertRoundTrip(store, "/tls/");
    }
  }

  @Test
  void shouldReachTheTlsServerWhenEndpointIsBareHostPortAndTlsFilesAreSet() throws Exception {
    // Given: KAFSCALE_ETCD_ENDPOINTS=127.0.0.1:PORT plus the TLS files, as an operator may write it
    String bare = tlsServer.endpoint().substring("https://".length());
    EtcdConfig config =
        new EtcdConfig(
            List.of(bare),
            Optional.empty(),
            Optional.empty(),
            Optional.of(pki.caFile()),
            Optional.of(pki.clientCertFile()),
            Optional.of(pki.clientKeyFile()),
            REQUEST_TIMEOUT);
    // When
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // Then
      assertRoundTrip(store, "/tls-bare/");
    }
  }

  @Test
  void shouldRefuseATlsClientWithoutAClientCertificate() throws Exception {
    // Given: trusts the server, but presents no certificate to a --client-cert-auth etcd
    EtcdConfig config = tlsConfig(Optional.of(pki.caFile()), Optional.empty(), Optional.empty());
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // When
      Throwable failure = failureOf(store.get("/tls/a"));
      // Then
      assertThat(failure)
          .isExactlyInstanceOf(MetadataStoreException.class)
          .hasMessageContaining(tlsServer.endpoint())
          .hasMessageContaining("TLS handshake");
    }
  }

  @Test
  void shouldRefuseATlsServerWhoseCertificateIsNotSignedByATrustedCa() throws Exception {
    // Given: no CA file, so the JDK's default trust store, which does not know the test CA
    EtcdConfig config =
        tlsConfig(
            Optional.empty(), Optional.of(pki.clientCertFile()), Optional.of(pki.clientKeyFile()));
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // When
      Throwable failure = failureOf(store.get("/tls/a"));
      // Then
      assertThat(failure)
          .isExactlyInstanceOf(MetadataStoreException.class)
          .hasMessageContaining(tlsServer.endpoint())
          .hasMessageContaining("TLS handshake");
    }
  }

  @Test
  void shouldFailAtConnectWhenATlsFileIsMissing() {
    // Given
    EtcdConfig config =
        tlsConfig(
            Optional.of(pkiDir.resolve("no-such-ca.crt")),
            Optional.of(pki.clientCertFile()),
            Optional.of(pki.clientKeyFile()));
    // When / Then
    assertThatThrownBy(() -> EtcdMetadataStore.connect(config))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("no-such-ca.crt");
  }

  @Test
  void shouldReadWriteAndWatchWithUsernameAndPasswordWhenAuthIsEnabled() throws Exception {
    // Given
    EtcdConfig config = authConfig().withCredentials("root", ROOT_PASSWORD);
    // When
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // Then
      assertRoundTrip(store, "/auth/");
    }
  }

  @Test
  void shouldFailWithAClearErrorWhenThePasswordIsWrong() throws Exception {
    // Given
    EtcdConfig config = authConfig().withCredentials("root", "not-the-password");
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // When
      Throwable failure = failureOf(store.get("/auth/a"));
      // Then
      assertThat(failure)
          .isExactlyInstanceOf(MetadataStoreException.class)
          .hasMessageContaining(authServer.endpoint())
          .hasMessageContaining("authentication failed");
    }
  }

  @Test
  void shouldFailWithAClearErrorWhenTheUserIsUnknown() throws Exception {
    // Given
    EtcdConfig config = authConfig().withCredentials("nobody", ROOT_PASSWORD);
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(config)) {
      // When
      Throwable failure = failureOf(store.txn(putTxn("/auth/x", "1")));
      // Then
      assertThat(failure)
          .isExactlyInstanceOf(MetadataStoreException.class)
          .hasMessageContaining("authentication failed, invalid user ID or password");
    }
  }

  @Test
  void shouldFailWithAClearErrorWhenCredentialsAreMissingButAuthIsEnabled() throws Exception {
    // Given
    try (EtcdMetadataStore store = EtcdMetadataStore.connect(authConfig())) {
      // When
      Throwable failure = failureOf(store.get("/auth/a"));
      // Then
      assertThat(failure)
          .isExactlyInstanceOf(MetadataStoreException.class)
          .hasMessageContaining(authServer.endpoint())
          .hasMessageContaining("user name is empty");
    }
  }

  /**
   * What a broker does with the store: create-if-absent and compare-and-set transactions, reads, a
   * prefix read, a lease with a key attached, and a prefix watch seeing every write in order.
   */
  private static void assertRoundTrip(EtcdMetadataStore store, String prefix) throws Exception {
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    try (Watch watch = store.watchPrefix(prefix, 0, seen::addAll)) {
      String key = prefix + "topic";
      TxnResult created =
          result(
              store.txn(
                  Txn.builder()
                      .when(Compare.absent(key))
                      .then(Op.put(key, "v1".getBytes(UTF_8)))
                      .build()));
      TxnResult updated =
          result(
              store.txn(
                  Txn.builder()
                      .when(Compare.modRevisionEquals(key, created.revision()))
                      .then(Op.put(key, "v2".getBytes(UTF_8)))
                      .then(Op.get(key))
                      .build()));
      TxnResult stale =
          result(
              store.txn(
                  Txn.builder()
                      .when(Compare.modRevisionEquals(key, created.revision()))
                      .then(Op.put(key, "lost".getBytes(UTF_8)))
                      .build()));
      long lease = result(store.grantLease(Duration.ofSeconds(30)));
      result(store.keepAlive(lease));
      result(
          store.txn(Txn.builder().then(Op.put(prefix + "broker", new byte[] {1}, lease)).build()));
      result(store.revokeLease(lease));

      assertThat(created.succeeded()).isTrue();
      assertThat(updated.succeeded()).isTrue();
      assertThat(updated.gets()).singleElement().satisfies(g -> assertThat(g).isPresent());
      assertThat(stale.succeeded()).isFalse();
      assertThat(result(store.get(key)).map(KeyValue::valueAsString)).contains("v2");
      assertThat(result(store.getPrefix(prefix))).extracting(KeyValue::key).containsExactly(key);
      assertThat(result(store.currentRevision())).isGreaterThanOrEqualTo(updated.revision());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(List.copyOf(seen))
                      .extracting(e -> e.type() + " " + e.kv().key())
                      .containsExactly(
                          "PUT " + key,
                          "PUT " + key,
                          "PUT " + prefix + "broker",
                          "DELETE " + prefix + "broker"));
    }
  }

  private static EtcdConfig tlsConfig(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
    // Built as the broker's EtcdSettings builds it from KAFSCALE_ETCD_* variables.
    return new EtcdConfig(
        List.of(tlsServer.endpoint()),
        Optional.empty(),
        Optional.empty(),
        ca,
        cert,
        key,
        REQUEST_TIMEOUT);
  }

  private static EtcdConfig authConfig() {
    return EtcdConfig.of(List.of(authServer.endpoint())).withRequestTimeout(REQUEST_TIMEOUT);
  }

  private static Txn putTxn(String key, String value) {
    return Txn.builder().then(Op.put(key, value.getBytes(UTF_8))).build();
  }

  private static <T> T result(CompletableFuture<T> future) throws Exception {
    return future.get(FAIL_WITHIN_SECONDS, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    try {
      Object value = future.get(FAIL_WITHIN_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected the call to be refused, but it returned " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
