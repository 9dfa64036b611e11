/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.testing;

import io.kafscale.broker.Broker;
import io.kafscale.broker.config.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process {@link Broker} for tests: Kafka and admin listeners on free ports of 127.0.0.1,
 * data in a temporary directory deleted by {@link #close()}. Extra {@code KAFSCALE_*} variables
 * (e.g. the S3 settings of an S3Mock) are passed as a map. Not thread-safe.
 *
 * <pre>{@code
 * try (BrokerFixture broker = BrokerFixture.start()) {
 *   props.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 */
public final class BrokerFixture implements AutoCloseable {
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final Map<String, String> env;
  private Broker broker;

  private BrokerFixture(Path dataDir, boolean ownsDataDir, Map<String, String> env) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.env = env;
  }

  /** A broker with default settings and a fresh temporary data directory. */
  public static BrokerFixture start() {
    return start(Map.of());
  }

  /** A broker in a fresh temporary data directory with {@code env} added to the test defaults. */
  public static BrokerFixture start(Map<String, String> env) {
    try {
      return start(Files.createTempDirectory("kafscale-broker-"), true, env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A broker on an existing data directory (kept on close), e.g. to check what survived. */
  public static BrokerFixture startOn(Path dataDir, Map<String, String> env) {
    return start(dataDir, false, env);
  }

  /**
   * The S3 variables pointing a broker at an S3-compatible server on {@code endpoint} with static
   * credentials and path-style addressing (what S3Mock needs).
   */
  public static Map<String, String> s3Env(String endpoint, String bucket) {
    return Map.of(
        "KAFSCALE_S3_BUCKET", bucket,
        "KAFSCALE_S3_ENDPOINT", endpoint,
        "KAFSCALE_S3_PATH_STYLE", "true",
        "KAFSCALE_S3_REGION", "us-east-1",
        "KAFSCALE_S3_ACCESS_KEY", "test",
        "KAFSCALE_S3_SECRET_KEY", "test");
  }

  private static BrokerFixture start(Path dataDir, boolean owns, Map<String, String> env) {
    BrokerFixture fixture = new BrokerFixture(dataDir, owns, Map.copyOf(env));
    try {
      fixture.broker = Broker.start(fixture.config());
      return fixture;
    } catch (RuntimeException e) {
      fixture.deleteDataDir();
      throw e;
    }
  }

  /** The configuration the broker runs with (test defaults overlaid with the given variables). */
  public BrokerConfig config() {
    Map<String, String> all = new HashMap<>();
    all.put("KAFSCALE_BROKER_ADDR", "127.0.0.1:0");
    all.put("KAFSCALE_METRICS_ADDR", "127.0.0.1:0");
    all.put("KAFSCALE_DATA_DIR", dataDir.toString());
    all.put("KAFSCALE_FLUSH_INTERVAL_MS", "5");
    all.putAll(env);
    return BrokerConfig.load(all);
  }

  /** Closes the broker and starts a new one on the same data directory (ports change). */
  public void restart() {
    broker.close();
    broker = Broker.start(config());
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + broker.kafkaPort();
  }

  public int kafkaPort() {
    return broker.kafkaPort();
  }

  public int adminPort() {
    return broker.adminPort();
  }

  /** {@code http://127.0.0.1:<admin port><path>}. */
  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + broker.adminPort() + path);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Broker broker() {
    return broker;
  }

  /** Stops the broker and deletes the data directory when this fixture created it. */
  @Override
  public void close() {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      deleteDataDir();
    }
  }

  private void deleteDataDir() {
    if (!ownsDataDir || !Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
