/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.config;

import static io.kafscale.console.config.ConsoleCatalogue.*;

import io.kafscale.broker.config.ConfigCatalogue;
import io.kafscale.broker.config.ConfigException;
import io.kafscale.broker.config.ConfigReader;
import io.kafscale.broker.config.ConfigVar;
import io.kafscale.broker.config.HostPort;
import io.kafscale.metadata.etcd.EtcdConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The console's configuration, read from {@code KAFSCALE_CONSOLE_*} and {@code KAFSCALE_ETCD_*}
 * variables ({@link ConsoleCatalogue}). {@link #load} reports every problem at once. {@code etcd}
 * is empty when no metadata store is configured (the in-process launcher hands its own store over
 * instead). {@code kafkaProperties} are passed to every Kafka client. Immutable; {@link
 * #toString()} never shows the password or any Kafka property value.
 */
public record ConsoleConfig(
    HostPort listen,
    String bootstrapServers,
    String username,
    String password,
    boolean readOnly,
    Duration refresh,
    BigDecimal putPricePer1000,
    BigDecimal getPricePer1000,
    Duration kafkaTimeout,
    Duration brokerTimeout,
    Duration metadataTimeout,
    int brokerAdminPort,
    Duration sessionTtl,
    Duration loginFailureDelay,
    int maxBodyBytes,
    Optional<EtcdConfig> etcd,
    Limits limits,
    Map<String, String> kafkaProperties) {

  /** Abuse and resource limits of the HTTP side, and whether the session cookie is Secure. */
  public record Limits(
      int loginFailuresPerMinute,
      boolean cookieSecure,
      Duration idleTimeout,
      int maxConnections,
      int maxConcurrentBrowses) {}

  /**
   * Reads and checks every variable.
   *
   * @throws ConfigException listing every problem, e.g. missing credentials
   */
  public static ConsoleConfig load(Map<String, String> env) {
    return load(env, Map.of());
  }

  /**
   * As {@link #load(Map)}, with {@code defaults} filling variables the environment leaves unset
   * (the in-process launcher's bootstrap servers and make-run credentials).
   */
  public static ConsoleConfig load(Map<String, String> env, Map<String, String> defaults) {
    Map<String, String> merged = new HashMap<>(defaults);
    env.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            merged.put(k, v);
          }
        });
    ConfigReader reader = new ConfigReader(merged);
    HostPort listen = reader.hostPort(ADDR);
    String bootstrap = required(reader, BOOTSTRAP_SERVERS);
    String user = required(reader, USERNAME);
    String pass = required(reader, PASSWORD);
    ConsoleConfig config =
        new ConsoleConfig(
            listen,
            bootstrap,
            user,
            pass,
            reader.bool(READ_ONLY),
            Duration.ofMillis(reader.longValue(REFRESH_MS)),
            price(reader, S3_PUT_PRICE),
            price(reader, S3_GET_PRICE),
            Duration.ofMillis(reader.longValue(KAFKA_TIMEOUT_MS)),
            Duration.ofMillis(reader.longValue(BROKER_TIMEOUT_MS)),
            Duration.ofMillis(reader.longValue(METADATA_TIMEOUT_MS)),
            reader.intValue(BROKER_ADMIN_PORT),
            Duration.ofMillis(reader.longValue(SESSION_TTL_MS)),
            Duration.ofMillis(reader.longValue(LOGIN_FAILURE_DELAY_MS)),
            reader.intValue(MAX_BODY_BYTES),
            etcd(reader),
            new Limits(
                reader.intValue(LOGIN_FAILURES_PER_MINUTE),
                reader.bool(COOKIE_SECURE),
                Duration.ofMillis(reader.longValue(IDLE_TIMEOUT_MS)),
                reader.intValue(MAX_CONNECTIONS),
                reader.intValue(MAX_CONCURRENT_BROWSES)),
            kafkaProperties(merged));
    reader.throwIfInvalid();
    return config;
  }

  /** The same configuration listening on {@code address} (tests bind 127.0.0.1:0). */
  public ConsoleConfig withListen(HostPort address) {
    return new ConsoleConfig(
        address,
        bootstrapServers,
        username,
        password,
        readOnly,
        refresh,
        putPricePer1000,
        getPricePer1000,
        kafkaTimeout,
        brokerTimeout,
        metadataTimeout,
        brokerAdminPort,
        sessionTtl,
        loginFailureDelay,
        maxBodyBytes,
        etcd,
        limits,
        kafkaProperties);
  }

  /**
   * The Kafka client properties passed through as {@code KAFSCALE_CONSOLE_KAFKA_<PROPERTY>}: the
   * suffix lower-cased with {@code _} as {@code .}; catalogued variables are not properties.
   */
  static Map<String, String> kafkaProperties(Map<String, String> env) {
    Set<String> catalogued =
        ConsoleCatalogue.ALL.stream().map(ConfigVar::name).collect(Collectors.toSet());
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(KAFKA_PROPERTY_PREFIX)
              && name.length() > KAFKA_PROPERTY_PREFIX.length()
              && !catalogued.contains(name)) {
            String property =
                name.substring(KAFKA_PROPERTY_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            out.put(property, value);
          }
        });
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "ConsoleConfig[listen="
        + listen
        + ", bootstrapServers="
        + bootstrapServers
        + ", username="
        + username
        + ", readOnly="
        + readOnly
        + ", refresh="
        + refresh
        + ", etcd="
        + etcd.map(EtcdConfig::endpoints).map(Object::toString).orElse("none")
        + ", kafkaProperties="
        // Names only: values may be passwords or JAAS configs.
        + kafkaProperties.keySet()
        + "]";
  }

  private static String required(ConfigReader reader, ConfigVar var) {
    Optional<String> value = reader.raw(var.name());
    if (value.isEmpty()) {
      reader.problem(var.name() + " is required");
      return "";
    }
    return value.get();
  }

  private static BigDecimal price(ConfigReader reader, ConfigVar var) {
    String text = reader.string(var).orElseThrow();
    try {
      BigDecimal price = new BigDecimal(text);
      if (price.signum() >= 0) {
        return price;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    reader.problem(var.name() + "='" + text + "' is invalid: expected a decimal number ≥ 0");
    return new BigDecimal(var.defaultValue());
  }

  /** Read-only etcd access with the broker's variable names; empty when no endpoints are set. */
  private static Optional<EtcdConfig> etcd(ConfigReader reader) {
    Optional<String> endpoints = reader.raw(ETCD_ENDPOINTS.name());
    Optional<String> user = reader.raw(ConfigCatalogue.ETCD_USERNAME.name());
    Optional<String> pass = reader.raw(ConfigCatalogue.ETCD_PASSWORD.name());
    Optional<Path> ca = reader.file(ConfigCatalogue.ETCD_CA_FILE);
    Optional<Path> cert = reader.file(ConfigCatalogue.ETCD_CERT_FILE);
    Optional<Path> key = reader.file(ConfigCatalogue.ETCD_KEY_FILE);
    if (endpoints.isEmpty()) {
      for (ConfigVar var :
          List.of(
              ConfigCatalogue.ETCD_USERNAME,
              ConfigCatalogue.ETCD_PASSWORD,
              ConfigCatalogue.ETCD_CA_FILE,
              ConfigCatalogue.ETCD_CERT_FILE,
              ConfigCatalogue.ETCD_KEY_FILE)) {
        if (reader.raw(var.name()).isPresent()) {
          reader.problem(var.name() + " is set but " + ETCD_ENDPOINTS.name() + " is not");
        }
      }
      return Optional.empty();
    }
    if (user.isPresent() != pass.isPresent()) {
      reader.problem(
          ConfigCatalogue.ETCD_USERNAME.name()
              + " and "
              + ConfigCatalogue.ETCD_PASSWORD.name()
              + " must be set together");
    }
    if (cert.isPresent() != key.isPresent()) {
      reader.problem(
          ConfigCatalogue.ETCD_CERT_FILE.name()
              + " and "
              + ConfigCatalogue.ETCD_KEY_FILE.name()
              + " must be set together");
    }
    List<String> list =
        Arrays.stream(endpoints.get().split(","))
            .map(String::strip)
            .filter(e -> !e.isEmpty())
            .toList();
    try {
      EtcdConfig.of(list);
    } catch (IllegalArgumentException e) {
      reader.problem(ETCD_ENDPOINTS.name() + "='" + endpoints.get() + "': " + e.getMessage());
      return Optional.empty();
    }
    if (user.isPresent() != pass.isPresent() || cert.isPresent() != key.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new EtcdConfig(list, user, pass, ca, cert, key, EtcdConfig.DEFAULT_REQUEST_TIMEOUT));
  }
}
