/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import static org.awaitility.Awaitility.await;

import io.kafscale.storage.objectstore.s3.S3Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Test fixture: a real S3Mock server (Adobe's S3-compatible test server) run as a separate JVM on
 * 127.0.0.1 (both its ports bind loopback only, see {@link S3MockLoopback}), with one bucket. It
 * can be stopped and started again on the same port and store directory, so objects written before
 * a stop are readable after the restart (durability tests). A picked port can be taken by another
 * process (an outgoing connection's, too) before S3Mock binds it: the first start then retries on
 * new ports.
 *
 * <p>Use {@link #shared()} for a JVM-wide instance that many test classes reuse (it is never
 * stopped by tests and dies with the JVM); create a private one with {@link #create(String)} when a
 * test stops or restarts the server. The S3Mock jar comes from system property {@value
 * #JAR_PROPERTY} (set by the build), else from {@code storage/target/s3mock/s3mock-exec.jar} near
 * the working directory. The server's output goes to {@code target/s3mock-run/<port>.log}.
 *
 * <p>Thread-safe (lifecycle methods are synchronized).
 */
public final class S3MockServer implements AutoCloseable {

  /** System property naming the S3Mock runnable jar. */
  public static final String JAR_PROPERTY = "s3mock.jar";

  /** Bucket of the {@link #shared()} instance. */
  public static final String SHARED_BUCKET = "kafscale-test";

  /**
   * A KMS key id the server accepts for SSE-KMS writes; any other key is rejected. S3Mock registers
   * keys by ARN but then only accepts the bare key id in requests (real S3 accepts both).
   */
  public static final String VALID_KMS_KEY_ID = "kafscale-test-key";

  private static final String VALID_KMS_KEY_ARN =
      "arn:aws:kms:us-east-1:123456789012:key/" + VALID_KMS_KEY_ID;

  /** Region the server and {@link #config()} use. */
  public static final String REGION = "us-east-1";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static S3MockServer shared;

  private final String bucket;
  private volatile int port;
  private volatile int tlsPort;
  private boolean startedOnce;
  private final Path storeRoot;
  private final Path logFile;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private boolean shutdownHookInstalled;

  private S3MockServer(String bucket, int port, int tlsPort, Path storeRoot, Path logFile) {
    this.bucket = bucket;
    this.port = port;
    this.tlsPort = tlsPort;
    this.storeRoot = storeRoot;
    this.logFile = logFile;
  }

  /**
   * A server (not started yet) with its own free ports and a fresh store directory under {@code
   * target/s3mock-run/}, whose initial bucket is {@code bucket}.
   */
  public static S3MockServer create(String bucket) {
    return create(bucket, FreePorts.next(2));
  }

  /** Like {@link #create(String)}, but the first start tries {@code ports} (plain, TLS) first. */
  static S3MockServer create(String bucket, List<Integer> ports) {
    Path dir = Path.of("target", "s3mock-run").toAbsolutePath();
    Path root = dir.resolve("store-" + ports.get(0) + "-" + UUID.randomUUID());
    return new S3MockServer(
        bucket, ports.get(0), ports.get(1), root, dir.resolve(ports.get(0) + ".log"));
  }

  /** A started server and bucket ({@value #SHARED_BUCKET}) shared by every test in this JVM. */
  public static synchronized S3MockServer shared() {
    if (shared == null) {
      shared = create(SHARED_BUCKET).start();
    }
    return shared;
  }

  /**
   * Starts the process (same port and store as before, if restarted) and waits until it answers.
   */
  public synchronized S3MockServer start() {
    if (isRunning()) {
      return this;
    }
    if (!shutdownHookInstalled) {
      // Never leave an S3Mock JVM behind when a test forgets to stop it or the test JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3mock-shutdown-" + port));
      shutdownHookInstalled = true;
    }
    if (startedOnce) {
      launch();
    } else {
      FirstLaunch.onFreePorts(
          this::launch,
          S3MockServer::portTaken,
          () -> {
            stop();
            List<Integer> ports = FreePorts.next(2);
            port = ports.get(0);
            tlsPort = ports.get(1);
          });
      startedOnce = true;
    }
    return this;
  }

  /** Whether S3Mock's output (in {@code message}) says a port was taken: Spring Boot's words. */
  private static boolean portTaken(String message) {
    return message.contains("The port may already be in use") || FirstLaunch.addressInUse(message);
  }

  private void launch() {
    try {
      Files.createDirectories(storeRoot);
      Files.createDirectories(logFile.getParent());
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start S3Mock; see " + logFile, e);
    }
    awaitReady();
  }

  /** Stops the process and waits for it to exit; stored objects stay on disk for a restart. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    // SIGTERM with graceful shutdown: in-flight requests finish, so no object or bucket metadata
    // file is left half-written (a SIGKILL during a PUT once left an empty bucket metadata file
    // that S3Mock then refused to start with); retainFilesOnExit keeps the store for a restart.
    // For the broker it is still an outage: the port closes and requests are refused.
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("S3Mock did not exit within " + STOP_TIMEOUT);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping S3Mock", e);
    }
    process = null;
  }

  /** Whether the process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code http://127.0.0.1:<port>}: the plain-HTTP port, bound to loopback only. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The bucket created at start. */
  public String bucket() {
    return bucket;
  }

  /** The plain-HTTP port (stable across restarts). */
  public int port() {
    return port;
  }

  /** Directory holding the stored objects (stable across restarts). */
  public Path storeRoot() {
    return storeRoot;
  }

  /** File receiving the server's output. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Store settings for this server: path-style, static dummy credentials, and few, quick retries
   * ({@code maxRetries} 3, 30 s per attempt) so outage tests stay fast.
   */
  public S3Config config() {
    return S3Config.of(bucket, REGION)
        .withEndpoint(endpoint(), true)
        .withStaticCredentials("test-access-key", "test-secret-key")
        .withRetries(3, Duration.ofSeconds(30));
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private List<String> command() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-Xmx384m");
    // The server starts about twice as fast without the optimizing JIT; tests move little data.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-jar");
    cmd.add(locateJar().toString());
    cmd.add("--com.adobe.testing.s3mock.httpPort=" + port);
    cmd.add("--server.port=" + tlsPort);
    // Both ports on 127.0.0.1 only (S3Mock alone would bind its HTTP port on every interface).
    cmd.addAll(S3MockLoopback.arguments(logFile.getParent()));
    cmd.add("--com.adobe.testing.s3mock.store.root=" + storeRoot);
    cmd.add("--com.adobe.testing.s3mock.store.initialBuckets=" + bucket);
    cmd.add("--com.adobe.testing.s3mock.store.retainFilesOnExit=true");
    cmd.add("--com.adobe.testing.s3mock.store.validKmsKeys=" + VALID_KMS_KEY_ARN);
    cmd.add("--com.adobe.testing.s3mock.store.region=" + REGION);
    cmd.add("--spring.main.banner-mode=off");
    cmd.add("--server.shutdown=graceful");
    return cmd;
  }

  private void awaitReady() {
    HttpRequest probe =
        HttpRequest.newBuilder(endpoint().resolve("/"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      await("S3Mock on port " + port)
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "S3Mock exited with " + process.exitValue() + ": " + logTail());
                }
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
              });
    } catch (ConditionTimeoutException e) {
      stop();
      throw new IllegalStateException(
          "S3Mock not ready after " + STARTUP_TIMEOUT + ": " + logTail(), e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  static Path locateJar() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(JAR_PROPERTY))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    Path jar = Path.of("storage", "target", "s3mock", "s3mock-exec.jar");
    candidates.add(Path.of("..").resolve(jar));
    candidates.add(jar);
    candidates.add(Path.of("target", "s3mock", "s3mock-exec.jar"));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "S3Mock jar not found; looked at "
                        + candidates
                        + " (run `mvn -pl storage generate-test-resources` to fetch it)"));
  }
}
