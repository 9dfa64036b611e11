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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node etcd process for integration tests: the Debian {@code etcd} binary (installed
 * by {@code scripts/install-test-deps.sh}; override with {@code -Detcd.binary=PATH}) on free
 * loopback ports with its own temporary data directory, its output in {@code etcd.log} there. A
 * picked port can be taken by another process (an outgoing connection's, too) before etcd binds it:
 * the first start then retries on new ports. {@link #stop()} and {@link #restart()} keep the ports
 * and the data, so a restarted server has the same keys and revisions; {@link #close()} stops it
 * and deletes the directory. {@link #startWithTls(Tls)} serves the client port over mutual TLS
 * instead, and {@link #etcdctl} runs the Debian {@code etcdctl} against the server (to enable
 * authentication, for example). Not thread-safe: one test drives it.
 */
public final class EtcdServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int FIRST_START_ATTEMPTS = 3;

  private final Path dir;
  private int clientPort;
  private int peerPort;
  private final Optional<Tls> tls;
  private int metricsPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  /**
   * PEM files for a client port served over mutual TLS.
   *
   * @param caFile the CA that signed the server certificate and that client certificates must chain
   *     to ({@code --trusted-ca-file})
   * @param certFile the server certificate, valid for IP 127.0.0.1 (also presented by {@link
   *     #etcdctl} as its client certificate, so it should allow client authentication too)
   * @param keyFile the server certificate's private key
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {}

  private EtcdServer(Path dir, int clientPort, int peerPort, Optional<Tls> tls, int metricsPort) {
    this.dir = dir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.tls = tls;
    this.metricsPort = metricsPort;
  }

  /** Starts a fresh server and waits until it reports healthy. */
  public static EtcdServer start() {
    return start(Optional.empty());
  }

  /**
   * Starts a fresh server whose client port speaks only TLS and accepts only clients presenting a
   * certificate signed by {@code tls.caFile()} ({@code --client-cert-auth}). Its health is checked
   * on a separate plain-HTTP metrics port, so the fixture needs no client certificate.
   */
  public static EtcdServer startWithTls(Tls tls) {
    return start(Optional.of(tls));
  }

  private static EtcdServer start(Optional<Tls> tls) {
    try {
      return start(tls, freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a fresh plain server that first tries client port {@code clientPort}. */
  static EtcdServer startTrying(int clientPort) {
    return start(Optional.empty(), clientPort);
  }

  private static EtcdServer start(Optional<Tls> tls, int clientPort) {
    try {
      EtcdServer server =
          new EtcdServer(
              Files.createTempDirectory("kafscale-etcd-"),
              clientPort,
              freePort(),
              tls,
              tls.isPresent() ? freePort() : 0);
      try {
        server.launchOnFreePorts();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client URL, e.g. {@code http://127.0.0.1:40123} ({@code https://} with TLS). */
  public String endpoint() {
    return (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort;
  }

  /**
   * Runs {@code etcdctl} (API v3; override the binary with {@code -Detcdctl.binary=PATH}) against
   * this server, with the server's CA and certificate as client credentials when it uses TLS.
   *
   * @return what the command printed
   * @throws IllegalStateException when it exits non-zero or takes longer than 15 s, with its output
   */
  public String etcdctl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("etcdctl.binary", "etcdctl"));
    command.add("--endpoints=" + endpoint());
    command.add("--command-timeout=5s");
    tls.ifPresent(
        t -> {
          command.add("--cacert=" + t.caFile());
          command.add("--cert=" + t.certFile());
          command.add("--key=" + t.keyFile());
        });
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ETCDCTL_API", "3");
    try {
      Process p = builder.start();
      p.getOutputStream().close();
      // The output is small (one status line); reading it to the end also waits for the exit.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("etcdctl " + List.of(args) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "etcdctl " + List.of(args) + " exited with " + p.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running etcdctl", e);
    }
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
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The first launch: on new ports (and an empty data directory) while a port was taken. */
  private void launchOnFreePorts() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        launch();
        return;
      } catch (IllegalStateException e) {
        String message = String.valueOf(e.getMessage());
        if (attempt >= FIRST_START_ATTEMPTS || !message.contains("address already in use")) {
          throw e;
        }
        stop();
        deleteTree(dir.resolve("data"));
        clientPort = freePort();
        peerPort = freePort();
        metricsPort = tls.isPresent() ? freePort() : 0;
      }
    }
  }

  private void launch() {
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command =
        new ArrayList<>(
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
                "new"));
    tls.ifPresent(
        t ->
            command.addAll(
                List.of(
                    "--cert-file=" + t.certFile(),
                    "--key-file=" + t.keyFile(),
                    "--trusted-ca-file=" + t.caFile(),
                    "--client-cert-auth",
                    "--listen-metrics-urls=" + healthBase())));
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
        HttpRequest.newBuilder(URI.create(healthBase() + "/health"))
            .timeout(Duration.ofSeconds(1))
            .build();
    try {
      Awaitility.await("etcd healthy at " + healthBase())
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

  /** Plain HTTP even with TLS: etcd's metrics listener serves {@code /health} without certs. */
  private String healthBase() {
    return tls.isPresent() ? "http://127.0.0.1:" + metricsPort : endpoint();
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
