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
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server TLS context of the SSL and SASL_SSL listeners, rebuilt from the PEM files when they
 * change. {@link #reloadIfChanged()} (called on a timer) compares the files' fingerprints and, when
 * they differ, builds a new context; a context that fails to build (e.g. the certificate was
 * replaced before its key) is logged and the previous one kept, and it is retried on the next call.
 * New connections use {@link #current()}; open connections keep the context they started with.
 * Thread-safe.
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
}
