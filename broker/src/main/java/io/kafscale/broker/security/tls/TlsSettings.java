/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS material of the SSL and SASL_SSL listeners: PEM certificate chain, PEM PKCS#8 private key
 * (RSA or EC; encrypted when {@code keyPassword} is set), optional PEM CA bundle trusted for client
 * certificates, whether clients must present one, and how often the files are checked for changes.
 * Only TLSv1.3 and TLSv1.2 with forward-secret AEAD suites are offered. {@link #toString()} hides
 * the key password.
 */
public record TlsSettings(
    Path certFile,
    Path keyFile,
    Optional<String> keyPassword,
    Optional<Path> caFile,
    ClientAuth clientAuth,
    Duration reloadInterval) {

  /** Protocols offered, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Cipher suites offered: TLSv1.3's, and TLSv1.2's ECDHE + AEAD ones. */
  public static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** Kafka's {@code ssl.client.auth}: none, requested (optional) or required. */
  public enum ClientAuth {
    NONE,
    REQUESTED,
    REQUIRED
  }

  public TlsSettings {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(keyPassword, "keyPassword");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** The files whose changes trigger a reload. */
  public List<Path> watchedFiles() {
    return caFile.map(ca -> List.of(certFile, keyFile, ca)).orElse(List.of(certFile, keyFile));
  }

  @Override
  public String toString() {
    return "TlsSettings[certFile="
        + certFile
        + ", keyFile="
        + keyFile
        + ", keyPassword="
        + (keyPassword.isPresent() ? "***" : "none")
        + ", caFile="
        + caFile
        + ", clientAuth="
        + clientAuth
        + ", reloadInterval="
        + reloadInterval
        + "]";
  }
}
