/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shaded broker jar ({@code broker.jar} system property) run as a separate JVM, configured only
 * through {@code KAFSCALE_*} environment variables. Ports and data directory stay the same across
 * {@link #restart()} and {@link #kill9()}/{@link #start()}, so a restarted broker serves the same
 * data at the same address. Not thread-safe.
 */
public final class KafscaleBroker implements AutoCloseable {
  private final int port = FreePorts.next();
  private final int metricsPort = FreePorts.next();
  private final Path dataDir;
  private final ChildProcess process;

  private KafscaleBroker(Path dataDir, Map<String, String> extraEnv) {
    this.dataDir = dataDir;
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_BROKER_ADDR", "127.0.0.1:" + port);
    env.put("KAFSCALE_BROKER_HOST", "127.0.0.1");
    env.put("KAFSCALE_BROKER_PORT", Integer.toString(port));
    env.put("KAFSCALE_METRICS_ADDR", "127.0.0.1:" + metricsPort);
    env.put("KAFSCALE_DATA_DIR", dataDir.toString());
    env.put("KAFSCALE_AUTO_CREATE_TOPICS", "true");
    env.putAll(extraEnv);
    List<String> command =
        List.of(
            ChildProcess.javaBinary(),
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx768m",
            "-XX:+UseParallelGC",
            "-jar",
            brokerJar().toString());
    this.process =
        new ChildProcess(command, env, dataDir.resolveSibling("broker-" + port + ".log"));
  }

  /** A broker storing its objects in a directory under {@code dataDir}. */
  public static KafscaleBroker localStore(Path dataDir) {
    return new KafscaleBroker(dataDir, Map.of());
  }

  /** A broker with extra {@code KAFSCALE_*} settings (S3, flush policy...). */
  public static KafscaleBroker withEnv(Path dataDir, Map<String, String> env) {
    return new KafscaleBroker(dataDir, env);
  }

  /** A broker storing its objects in the given S3Mock bucket (metadata still in dataDir). */
  public static KafscaleBroker s3Store(Path dataDir, S3MockNode s3, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(s3.brokerEnv());
    env.putAll(extra);
    return new KafscaleBroker(dataDir, env);
  }

  public static Path brokerJar() {
    String jar = System.getProperty("broker.jar", "../broker/target/kafscale-broker.jar");
    return Path.of(jar).toAbsolutePath();
  }

  /** Starts the process and waits until {@code /readyz} answers 2xx. */
  public KafscaleBroker start() {
    process.start();
    awaitReady();
    return this;
  }

  public void awaitReady() {
    await("broker ready on " + bootstrap())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "broker exited during start-up; log tail:\n" + process.logTail(4000));
              }
              return HttpProbe.get(adminUrl("/readyz")).isPresent();
            });
  }

  /** SIGKILL: the broker gets no chance to flush or close anything. */
  public void kill9() {
    process.kill9();
  }

  /** Graceful stop (SIGTERM), forced after 30 s. */
  public void stop() {
    process.stop(30);
  }

  public void restart() {
    stop();
    start();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String adminUrl(String path) {
    return "http://127.0.0.1:" + metricsPort + path;
  }

  /** The Prometheus text of {@code /metrics}, or empty when the admin port does not answer. */
  public Optional<String> metrics() {
    return HttpProbe.get(adminUrl("/metrics"));
  }

  public String logTail(int maxChars) {
    return process.logTail(maxChars);
  }

  @Override
  public void close() {
    process.close();
  }
}
