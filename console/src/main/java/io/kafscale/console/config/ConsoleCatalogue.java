/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.config;

import io.kafscale.broker.config.ConfigCatalogue;
import io.kafscale.broker.config.ConfigType;
import io.kafscale.broker.config.ConfigVar;
import java.util.List;

/**
 * Every environment variable the console reads, with its default and description: the single source
 * of {@link ConsoleConfig} parsing and of {@code docs/console-configuration.md}. The etcd variables
 * are the broker's own ({@link ConfigCatalogue}), so one Secret serves both.
 */
public final class ConsoleCatalogue {
  private ConsoleCatalogue() {}

  public static final ConfigVar ADDR =
      of(
          "KAFSCALE_CONSOLE_ADDR",
          ConfigType.HOST_PORT,
          "0.0.0.0:8080",
          "Listen address of the console's HTTP server (`make run`: `127.0.0.1:8080`).");
  public static final ConfigVar BOOTSTRAP_SERVERS =
      new ConfigVar(
          "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS",
          ConfigType.STRING,
          null,
          "required (`make run`: the in-process broker)",
          null,
          null,
          false,
          "Kafka bootstrap servers (`host:port,...`) the console's AdminClient, consumer and"
              + " producer connect to.");
  public static final ConfigVar USERNAME =
      new ConfigVar(
          "KAFSCALE_CONSOLE_USERNAME",
          ConfigType.STRING,
          null,
          "required (`make run`: `admin`)",
          null,
          null,
          false,
          "Login name of the console user.");
  public static final ConfigVar PASSWORD =
      new ConfigVar(
          "KAFSCALE_CONSOLE_PASSWORD",
          ConfigType.STRING,
          null,
          "required (`make run`: `kafscale`)",
          null,
          null,
          true,
          "Password of the console user. There is no default outside `make run`.");
  public static final ConfigVar READ_ONLY =
      of(
          "KAFSCALE_CONSOLE_READ_ONLY",
          ConfigType.BOOLEAN,
          "false",
          "When `true`, every change (create, delete, configs, produce, offset reset) is refused"
              + " with 403 `READ_ONLY`.");
  public static final ConfigVar REFRESH_MS =
      number(
          "KAFSCALE_CONSOLE_REFRESH_MS",
          "2000",
          200,
          600_000,
          "How often the console scrapes every broker's `/metrics`, refreshes the overview and"
              + " pushes server-sent events.");
  public static final ConfigVar S3_PUT_PRICE =
      of(
          "KAFSCALE_CONSOLE_S3_PUT_PRICE_PER_1000",
          ConfigType.STRING,
          "0.005",
          "USD per 1,000 S3 PUT requests for the cost estimate (AWS S3 Standard list price).");
  public static final ConfigVar S3_GET_PRICE =
      of(
          "KAFSCALE_CONSOLE_S3_GET_PRICE_PER_1000",
          ConfigType.STRING,
          "0.0004",
          "USD per 1,000 S3 GET requests for the cost estimate (AWS S3 Standard list price).");
  public static final ConfigVar KAFKA_TIMEOUT_MS =
      number(
          "KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS",
          "5000",
          100,
          300_000,
          "Timeout of each Kafka request (AdminClient, consumer, producer); past it the API"
              + " answers 503 `CLUSTER_UNAVAILABLE`.");
  public static final ConfigVar BROKER_TIMEOUT_MS =
      number(
          "KAFSCALE_CONSOLE_BROKER_TIMEOUT_MS",
          "1500",
          50,
          60_000,
          "Timeout of each request to a broker's admin HTTP API and `/metrics`.");
  public static final ConfigVar METADATA_TIMEOUT_MS =
      number(
          "KAFSCALE_CONSOLE_METADATA_TIMEOUT_MS",
          "3000",
          50,
          60_000,
          "Timeout of each read of the metadata store (segment lists, ownership).");
  public static final ConfigVar BROKER_ADMIN_PORT =
      number(
          "KAFSCALE_CONSOLE_BROKER_ADMIN_PORT",
          "9093",
          1,
          65_535,
          "Admin HTTP port assumed for a broker whose registration does not carry one.");
  public static final ConfigVar SESSION_TTL_MS =
      number(
          "KAFSCALE_CONSOLE_SESSION_TTL_MS",
          "28800000",
          60_000,
          30L * 24 * 60 * 60 * 1000,
          "Lifetime of a login session (default 8 hours, at most 30 days).");
  public static final ConfigVar LOGIN_FAILURE_DELAY_MS =
      number(
          "KAFSCALE_CONSOLE_LOGIN_FAILURE_DELAY_MS",
          "1000",
          0,
          60_000,
          "Fixed delay before a failed login is answered (slows password guessing).");
  public static final ConfigVar LOGIN_FAILURES_PER_MINUTE =
      number(
          "KAFSCALE_CONSOLE_LOGIN_FAILURES_PER_MINUTE",
          "20",
          1,
          100_000,
          "Failed logins allowed in any minute across all clients; past it every login is"
              + " answered 429 `TOO_MANY_REQUESTS` until the minute has passed.");
  public static final ConfigVar COOKIE_SECURE =
      of(
          "KAFSCALE_CONSOLE_COOKIE_SECURE",
          ConfigType.BOOLEAN,
          "false",
          "Marks the session cookie `Secure` (sent only over HTTPS). Set it to `true` whenever the"
              + " console is reached through TLS (an ingress or proxy terminating HTTPS); leave it"
              + " `false` for plain HTTP such as `make run`, or the browser drops the cookie.");
  public static final ConfigVar IDLE_TIMEOUT_MS =
      number(
          "KAFSCALE_CONSOLE_IDLE_TIMEOUT_MS",
          "60000",
          1000,
          3_600_000,
          "A connection with no traffic for this long is closed (event streams excepted).");
  public static final ConfigVar MAX_CONNECTIONS =
      number(
          "KAFSCALE_CONSOLE_MAX_CONNECTIONS",
          "512",
          1,
          100_000,
          "Most open HTTP connections (event streams included); more are closed at once.");
  public static final ConfigVar MAX_CONCURRENT_BROWSES =
      number(
          "KAFSCALE_CONSOLE_MAX_CONCURRENT_BROWSES",
          "4",
          1,
          1000,
          "Most message-browser reads running at once (each holds a Kafka consumer and up to"
              + " 500 records); more are answered 503 `BUSY`.");
  public static final ConfigVar MAX_BODY_BYTES =
      number(
          "KAFSCALE_CONSOLE_MAX_BODY_BYTES",
          "1048576",
          1024,
          64L * 1024 * 1024,
          "Largest request body accepted; larger requests get 413.");

  /** Prefix of the Kafka client properties passed through ({@link #KAFKA_PROPERTY}). */
  public static final String KAFKA_PROPERTY_PREFIX = "KAFSCALE_CONSOLE_KAFKA_";

  /** Documents the pass-through of Kafka client properties (not read as one variable). */
  public static final ConfigVar KAFKA_PROPERTY =
      new ConfigVar(
          KAFKA_PROPERTY_PREFIX + "<PROPERTY>",
          ConfigType.STRING,
          null,
          "unset",
          null,
          null,
          true,
          "Any Kafka client property for the console's AdminClient, consumer and producer, to"
              + " reach secured listeners: the name after the prefix, lower-cased, `_` becoming"
              + " `.`. E.g. `KAFSCALE_CONSOLE_KAFKA_SECURITY_PROTOCOL=SASL_SSL` sets"
              + " `security.protocol`, `KAFSCALE_CONSOLE_KAFKA_SASL_MECHANISM`,"
              + " `KAFSCALE_CONSOLE_KAFKA_SASL_JAAS_CONFIG`,"
              + " `KAFSCALE_CONSOLE_KAFKA_SSL_TRUSTSTORE_LOCATION`. Catalogued variables such as"
              + " `KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS` are not passed through; the console's own"
              + " settings (bootstrap servers, client ids, (de)serializers, timeouts, no auto"
              + " commit) win over passed-through ones. Values are never logged.");

  public static final ConfigVar ETCD_ENDPOINTS =
      of(
          ConfigCatalogue.ETCD_ENDPOINTS.name(),
          ConfigType.STRING,
          null,
          "The brokers' etcd (`http(s)://host:port,...`), read only, for segment lists and partition"
              + " ownership. Unset: those views say the metadata store is not configured. The other"
              + " `KAFSCALE_ETCD_*` variables are the broker's.");

  /** Every variable in documentation order (the broker's etcd variables included). */
  public static final List<ConfigVar> ALL =
      List.of(
          ADDR,
          BOOTSTRAP_SERVERS,
          USERNAME,
          PASSWORD,
          READ_ONLY,
          REFRESH_MS,
          S3_PUT_PRICE,
          S3_GET_PRICE,
          KAFKA_TIMEOUT_MS,
          BROKER_TIMEOUT_MS,
          METADATA_TIMEOUT_MS,
          BROKER_ADMIN_PORT,
          SESSION_TTL_MS,
          LOGIN_FAILURE_DELAY_MS,
          LOGIN_FAILURES_PER_MINUTE,
          COOKIE_SECURE,
          IDLE_TIMEOUT_MS,
          MAX_CONNECTIONS,
          MAX_CONCURRENT_BROWSES,
          MAX_BODY_BYTES,
          KAFKA_PROPERTY,
          ETCD_ENDPOINTS,
          ConfigCatalogue.ETCD_USERNAME,
          ConfigCatalogue.ETCD_PASSWORD,
          ConfigCatalogue.ETCD_CA_FILE,
          ConfigCatalogue.ETCD_CERT_FILE,
          ConfigCatalogue.ETCD_KEY_FILE);

  private static ConfigVar of(String name, ConfigType type, String def, String description) {
    return new ConfigVar(name, type, def, def, null, null, false, description);
  }

  private static ConfigVar number(String name, String def, long min, long max, String description) {
    return new ConfigVar(name, ConfigType.LONG, def, def, min, max, false, description);
  }
}
