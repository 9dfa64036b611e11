/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.security.tls.FileFingerprint;
import io.kafscale.broker.security.tls.TlsSettings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server TLS context of the SSL and SASL_SSL listeners, rebuilt from the PEM files when they
 * change. {@link #reloadIfChanged()} (called on a timer, off the event loops: it reads and parses
 * files) compares the files' fingerprints and, when they differ, builds a new context. Before a
 * context is built the private key must prove it belongs to the certificate (it signs a random
 * nonce that the certificate's public key verifies): files caught mid-rotation (the certificate
 * replaced before its key) or that fail to load are logged at WARN, the previous context is kept,
 * and the files are tried again on the next call. New connections use {@link #current()}; open
 * connections keep the context they started with. Thread-safe.
 */
public final class ReloadingSslContext {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingSslContext.class);

  private final TlsSettings settings;
  private volatile SslContext current;
  private volatile FileFingerprint loaded;

  /**
   * Builds the first context.
   *
   * @throws SSLException when the files do not make a valid certificate/key pair
   */
  public ReloadingSslContext(TlsSettings settings) throws SSLException {
    this.settings = Objects.requireNonNull(settings, "settings");
    FileFingerprint fingerprint = FileFingerprint.of(settings.watchedFiles());
    this.current = build(settings);
    this.loaded = fingerprint;
  }

  public SslContext current() {
    return current;
  }

  public TlsSettings settings() {
    return settings;
  }

  /** Rebuilds the context when a file changed since the last build; true when it was rebuilt. */
  public synchronized boolean reloadIfChanged() {
    FileFingerprint now = FileFingerprint.of(settings.watchedFiles());
    if (now.equals(loaded)) {
      return false;
    }
    try {
      current = build(settings);
      loaded = now;
      LOG.info("TLS certificate reloaded certFile={}", settings.certFile());
      return true;
    } catch (SSLException | RuntimeException e) {
      LOG.warn(
          "TLS files changed but do not load, keeping the previous certificate certFile={}"
              + " error={}",
          settings.certFile(),
          e.toString());
      return false;
    }
  }

  static SslContext build(TlsSettings settings) throws SSLException {
    requireMatchingKey(settings);
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
                  settings.certFile().toFile(),
                  settings.keyFile().toFile(),
                  settings.keyPassword().orElse(null))
              .sslProvider(SslProvider.JDK)
              .protocols(TlsSettings.PROTOCOLS)
              .ciphers(TlsSettings.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
              .clientAuth(
                  switch (settings.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case REQUESTED -> ClientAuth.OPTIONAL;
                    case REQUIRED -> ClientAuth.REQUIRE;
                  });
      if (settings.caFile().isPresent()) {
        builder.trustManager(settings.caFile().get().toFile());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new SSLException("cannot load " + settings.certFile() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless the key file's private key belongs to the first certificate of the chain: the key
   * signs a random nonce and the certificate's public key must verify it.
   */
  static void requireMatchingKey(TlsSettings settings) throws SSLException {
    X509Certificate certificate;
    PrivateKey key;
    try {
      X509Certificate[] chain = PemFiles.certificates(settings.certFile().toFile());
      if (chain.length == 0) {
        throw new SSLException("no certificate in " + settings.certFile());
      }
      certificate = chain[0];
      key = PemFiles.privateKey(settings.keyFile().toFile(), settings.keyPassword().orElse(null));
    } catch (SSLException e) {
      throw e;
    } catch (Exception e) {
      throw new SSLException("cannot read " + settings.certFile() + ": " + e.getMessage(), e);
    }
    if (!matches(key, certificate.getPublicKey())) {
      throw new SSLException(
          "the private key in " + settings.keyFile() + " does not match " + settings.certFile());
    }
  }

  /** Whether {@code key} signs what {@code publicKey} verifies; false for unknown key types. */
  static boolean matches(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(nonce);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(nonce);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Netty's PEM readers (the ones {@link SslContextBuilder} uses, so keys it accepts are read the
   * same way); they are protected statics of {@link SslContext}, reachable from a subclass. Never
   * instantiated.
   */
  private abstract static class PemFiles extends SslContext {
    static X509Certificate[] certificates(File file) throws Exception {
      return toX509Certificates(file);
    }

    static PrivateKey privateKey(File file, String password) throws Exception {
      return toPrivateKey(file, password);
    }
  }
}
