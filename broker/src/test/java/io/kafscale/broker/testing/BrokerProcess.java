/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.testing;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shaded broker jar run as a separate JVM, for crash and restart tests. Ports are picked free
 * on 127.0.0.1 and kept across restarts, so clients can reconnect to the same address; only the
 * first start picks new ones when another process took a picked port before the broker bound it.
 * The process gets only the given {@code KAFSCALE_*} variables (inherited ones are removed) plus
 * data dir and addresses; stdout and stderr go to a log file under {@code target/broker-process/}.
 *
 * <p>The jar is {@code -Dbroker.jar=...} or {@code <repo>/broker/target/kafscale-broker.jar}. Not
 * thread-safe.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final Map<String, String> env;
  private int kafkaPort;
  private int adminPort;
  private boolean startedOnce;
  private final Path logFile;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private BrokerProcess(Path dataDir, Map<String, String> env) {
    this.dataDir = dataDir;
    this.env = Map.copyOf(env);
    pickPorts();
    this.logFile =
        Path.of(System.getProperty("user.dir"), "target", "broker-process")
            .resolve(
                "broker-"
                    + ProcessHandle.current().pid()
                    + "-"
                    + COUNTER.incrementAndGet()
                    + ".log");
  }

  /**
   * A broker process (not yet started) on {@code dataDir} with extra {@code KAFSCALE_*} variables.
   */
  public static BrokerProcess create(Path dataDir, Map<String, String> env) {
    return new BrokerProcess(dataDir, env);
  }

  /**
   * Starts the JVM and waits until {@code /readyz} answers 200. A free port picked earlier can be
   * taken by any process (an outgoing connection's ephemeral port, too) before the broker binds it:
   * the first start then retries on new ports.
   */
  public BrokerProcess start() {
    if (startedOnce) {
      launch();
    } else {
      FirstLaunch.onFreePorts(this::launch, FirstLaunch::addressInUse, this::pickPorts);
      startedOnce = true;
    }
    return this;
  }

  private void pickPorts() {
    List<Integer> ports = FreePorts.next(2);
    kafkaPort = ports.get(0);
    adminPort = ports.get(1);
  }

  private void launch() {
    if (isAlive()) {
      throw new IllegalStateException("already running, pid " + process.pid());
    }
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command());
      builder.environment().keySet().removeIf(name -> name.startsWith("KAFSCALE_"));
      builder.environment().putAll(environment());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady();
  }

  /** Waits until {@code /readyz} answers 200; fails at once (with the log) if the JVM exits. */
  public void awaitReady() {
    await()
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "broker exited with " + process.exitValue() + "; log:\n" + log());
              }
              return readyzStatus() == 200;
            });
  }

  /** Kills the JVM without warning (SIGKILL on Linux) and waits until it is gone. */
  public void kill9() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  /**
   * Asks the JVM to stop (SIGTERM: the shutdown hook flushes and closes) and waits for it.
   *
   * @return the exit status
   */
  public int stop() {
    if (process == null) {
      return -1;
    }
    process.destroy();
    return waitForExit();
  }

  /** Stops (gracefully) if running, then starts again on the same data dir and ports. */
  public BrokerProcess restart() {
    if (isAlive()) {
      stop();
    }
    return start();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  public int kafkaPort() {
    return kafkaPort;
  }

  public int adminPort() {
    return adminPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  /** The log so far ("" if none). */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      return "<unreadable log: " + e + ">";
    }
  }

  /** The status {@code /readyz} answers now, or -1 when nothing listens. */
  public int readyzStatus() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Kills the process if still running. */
  @Override
  public void close() {
    kill9();
    http.close();
  }

  private List<String> command() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    if (Runtime.version().feature() >= 24) {
      // protobuf still uses sun.misc.Unsafe; JDK 24+ warns on stderr unless allowed.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-jar");
    command.add(jar().toString());
    return command;
  }

  private Map<String, String> environment() {
    Map<String, String> all = new HashMap<>();
    all.put("KAFSCALE_FLUSH_INTERVAL_MS", "5");
    all.putAll(env);
    all.put("KAFSCALE_DATA_DIR", dataDir.toAbsolutePath().toString());
    all.put("KAFSCALE_BROKER_ADDR", "127.0.0.1:" + kafkaPort);
    all.put("KAFSCALE_METRICS_ADDR", "127.0.0.1:" + adminPort);
    return all;
  }

  /** The broker jar: {@code -Dbroker.jar} or the one the broker module builds. */
  public static Path jar() {
    String configured = System.getProperty("broker.jar");
    Path jar =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : RepoRoot.find().resolve("broker/target/kafscale-broker.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist; build it with: mvn -pl broker package -DskipTests");
    }
    return jar;
  }

  private int waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for broker pid " + process.pid(), e);
    }
  }
}
