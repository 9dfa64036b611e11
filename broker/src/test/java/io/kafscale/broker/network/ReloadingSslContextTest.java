/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.security.tls.TestCertificates;
import io.kafscale.broker.security.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads keep the old certificate unless the new key really belongs to the new certificate. */
class ReloadingSslContextTest {
  @TempDir static Path first;
  @TempDir static Path second;
  private static TestCertificates a;
  private static TestCertificates b;

  @TempDir Path served;

  @BeforeAll
  static void certificates() {
    a = TestCertificates.create(first);
    b = TestCertificates.create(second);
  }

  private TlsSettings settings() throws Exception {
    Files.copy(a.serverCert(), served.resolve("server.pem"));
    Files.copy(a.serverKey(), served.resolve("server.key"));
    return new TlsSettings(
        served.resolve("server.pem"),
        served.resolve("server.key"),
        Optional.empty(),
        Optional.empty(),
        TlsSettings.ClientAuth.NONE,
        Duration.ofSeconds(1));
  }

  private static void replace(Path from, Path to) throws Exception {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    // A different modification time, whatever the file system's clock resolution.
    Files.setLastModifiedTime(
        to,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(to).toMillis() + 10_000));
  }

  @Test
  void shouldKeepThePreviousContextWhenTheCertificateIsReplacedBeforeItsKey() throws Exception {
    // Given
    TlsSettings settings = settings();
    ReloadingSslContext context = new ReloadingSslContext(settings);
    SslContext before = context.current();

    // When: only the certificate is rotated so far
    replace(b.serverCert(), settings.certFile());
    boolean reloaded = context.reloadIfChanged();

    // Then
    assertThat(reloaded).isFalse();
    assertThat(context.current()).isSameAs(before);
  }

  @Test
  void shouldSwapOnceTheMatchingKeyArrives() throws Exception {
    // Given a half-finished rotation
    TlsSettings settings = settings();
    ReloadingSslContext context = new ReloadingSslContext(settings);
    SslContext before = context.current();
    replace(b.serverCert(), settings.certFile());
    context.reloadIfChanged();

    // When the key follows
    replace(b.serverKey(), settings.keyFile());
    boolean reloaded = context.reloadIfChanged();

    // Then
    assertThat(reloaded).isTrue();
    assertThat(context.current()).isNotSameAs(before);
  }

  @Test
  void shouldRefuseToStartWithAKeyThatDoesNotMatchTheCertificate() throws Exception {
    // Given
    TlsSettings settings = settings();
    replace(b.serverKey(), settings.keyFile());

    // When / Then
    assertThatThrownBy(() -> new ReloadingSslContext(settings))
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("does not match");
  }
}
