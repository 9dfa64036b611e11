/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link EtcdMetadataStore} reaches etcd. Immutable; {@link #toString()} never shows the
 * password. Keys are not prefixed here: {@code KeyLayout} puts every key under its root.
 *
 * @param endpoints client URLs ({@code http://host:port}, {@code https://host:port}) or bare {@code
 *     host:port} (the scheme then follows {@link #tls()})
 * @param username etcd user for authentication; given together with {@code password}
 * @param password password of {@code username}
 * @param caFile PEM bundle trusted for the server certificate (TLS); empty with TLS means the JDK's
 *     default trust store
 * @param certFile PEM client certificate for mutual TLS; given together with {@code keyFile}
 * @param keyFile PEM (PKCS#8) private key of {@code certFile}
 * @param requestTimeout limit of one store operation including jetcd's retries; an operation that
 *     takes longer fails with a {@code MetadataStoreException} naming the endpoints
 */
public record EtcdConfig(
    List<String> endpoints,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Duration requestTimeout) {

  /** Per-operation timeout when nothing else is configured. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Validates every setting at once and reports all problems in one exception. */
  public EtcdConfig {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    List<String> problems = new ArrayList<>();
    if (endpoints.isEmpty()) {
      problems.add("at least one endpoint is required");
    }
    for (String endpoint : endpoints) {
      if (parse(endpoint, false) == null) {
        problems.add("endpoint '" + endpoint + "' is not host:port or http(s)://host:port");
      }
    }
    if (username.isPresent() != password.isPresent()) {
      problems.add("username and password must be given together");
    }
    if (certFile.isPresent() != keyFile.isPresent()) {
      problems.add("certFile and keyFile must be given together");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      problems.add("requestTimeout must be positive, was " + requestTimeout);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid etcd configuration: " + String.join("; ", problems));
    }
  }

  /** Plain endpoints, no authentication, default timeout (tests, local clusters). */
  public static EtcdConfig of(List<String> endpoints) {
    return new EtcdConfig(
        endpoints,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** A copy with another request timeout. */
  public EtcdConfig withRequestTimeout(Duration timeout) {
    return new EtcdConfig(endpoints, username, password, caFile, certFile, keyFile, timeout);
  }

  /** A copy authenticating as {@code user}. */
  public EtcdConfig withCredentials(String user, String pass) {
    return new EtcdConfig(
        endpoints, Optional.of(user), Optional.of(pass), caFile, certFile, keyFile, requestTimeout);
  }

  /** Whether the connection uses TLS: any TLS file is set or an endpoint says {@code https}. */
  public boolean tls() {
    return caFile.isPresent()
        || certFile.isPresent()
        || endpoints.stream().anyMatch(e -> e.startsWith("https://"));
  }

  /**
   * The endpoints as absolute URIs, bare {@code host:port} given the scheme {@link #tls()} implies.
   */
  public List<URI> endpointUris() {
    boolean tls = tls();
    return endpoints.stream().map(e -> parse(e, tls)).toList();
  }

  private static URI parse(String endpoint, boolean tls) {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    String withScheme =
        endpoint.contains("://") ? endpoint : (tls ? "https://" : "http://") + endpoint;
    try {
      URI uri = new URI(withScheme);
      boolean httpish = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return httpish && uri.getHost() != null && uri.getPort() > 0 ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "EtcdConfig[endpoints="
        + endpoints
        + (username.map(u -> ", user=" + u).orElse(""))
        + (tls() ? ", tls" : "")
        + (certFile.isPresent() ? ", client-cert" : "")
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
