/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.compat;

import static org.awaitility.Awaitility.await;

import io.kafscale.storage.testing.FirstLaunch;
import io.kafscale.storage.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded broker jar ({@code broker.jar} system property) as a separate JVM, so this module's
 * kafka-clients 3.9 never shares a classpath with the broker's 4.x. Deliberately independent of the
 * broker's own test fixtures. The ports are picked free on 127.0.0.1; when another process takes
 * one before the broker binds it, the start retries on new ones. Not thread-safe.
 */
final class BrokerJarProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int port;
  private int adminPort;
  private final Path dataDir;
  private Process process;

  BrokerJarProcess(Path dataDir) {
    this.dataDir = dataDir;
    pickPorts();
  }

  BrokerJarProcess start() {
    FirstLaunch.onFreePorts(this::launch, FirstLaunch::addressInUse, this::pickPorts);
    return this;
  }

  private void pickPorts() {
    List<Integer> ports = FreePorts.next(2);
    port = ports.get(0);
    adminPort = ports.get(1);
  }

  private void launch() {
    Path jar = Path.of(System.getProperty("broker.jar", "../broker/target/kafscale-broker.jar"));
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx512m",
            "-jar",
            jar.toAbsolutePath().toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("KAFSCALE_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "KAFSCALE_BROKER_ADDR",
                "127.0.0.1:" + port,
                "KAFSCALE_BROKER_HOST",
                "127.0.0.1",
                "KAFSCALE_BROKER_PORT",
                Integer.toString(port),
                "KAFSCALE_METRICS_ADDR",
                "127.0.0.1:" + adminPort,
                "KAFSCALE_DATA_DIR",
                dataDir.toString(),
                "KAFSCALE_AUTO_CREATE_TOPICS",
                "false"));
    Path log = dataDir.resolveSibling("broker-" + port + ".log");
    try {
      Files.createDirectories(dataDir);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("broker ready on " + bootstrap())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("broker exited:\n" + Files.readString(log));
              }
              return ready();
            });
  }

  private boolean ready() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
              .timeout(Duration.ofSeconds(2))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
