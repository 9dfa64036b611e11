/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node etcd process for integration tests: the Debian {@code etcd} binary (installed
 * by {@code scripts/install-test-deps.sh}; override with {@code -Detcd.binary=PATH}) on free
 * loopback ports with its own temporary data directory, its output in {@code etcd.log} there.
 * {@link #stop()} and {@link #restart()} keep the ports and the data, so a restarted server has the
 * same keys and revisions; {@link #close()} stops it and deletes the directory. Not thread-safe:
 * one test drives it.
 */
public final class EtcdServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  private final int clientPort;
  private final int peerPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  private EtcdServer(Path dir, int clientPort, int peerPort) {
    this.dir = dir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
  }

  /** Starts a fresh server and waits until it reports healthy. */
  public static EtcdServer start() {
    try {
      EtcdServer server =
          new EtcdServer(Files.createTempDirectory("kafscale-etcd-"), freePort(), freePort());
      try {
        server.launch();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client URL, e.g. {@code http://127.0.0.1:40123}. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s); the data directory stays. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Starts the process again on the same ports and data (stopping it first if it runs). */
  public void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command =
        List.of(
            System.getProperty("etcd.binary", "etcd"),
            "--name",
            "t",
            "--data-dir",
            dir.resolve("data").toString(),
            "--listen-client-urls",
            endpoint(),
            "--advertise-client-urls",
            endpoint(),
            "--listen-peer-urls",
            peer,
            "--initial-advertise-peer-urls",
            peer,
            "--initial-cluster",
            "t=" + peer,
            "--initial-cluster-state",
            "new");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run etcd (" + command.get(0) + "): install it with scripts/install-test-deps.sh",
          e);
    }
    awaitHealthy();
  }

  private void awaitHealthy() {
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
            .timeout(Duration.ofSeconds(1))
            .build();
    try {
      Awaitility.await("etcd healthy at " + endpoint())
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> healthy(health));
    } catch (ConditionTimeoutException e) {
      stop();
      throw new IllegalStateException(
          "etcd not healthy within " + START_TIMEOUT + ": " + logTail(), e);
    }
  }

  private boolean healthy(HttpRequest health) throws IOException, InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException("etcd exited with " + process.exitValue() + ": " + logTail());
    }
    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 && r.body().contains("\"health\":\"true\"");
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("etcd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "EtcdServer[" + endpoint() + ", dir=" + dir + "]";
  }
}
