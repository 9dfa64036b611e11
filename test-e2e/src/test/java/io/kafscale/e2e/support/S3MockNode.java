/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An S3Mock server ({@code s3mock.jar} system property) as a separate JVM with one bucket. Its
 * files are kept on stop, so {@link #stop()} then {@link #start()} on the same port brings back the
 * same objects: the tests use that to simulate an S3 outage. Not thread-safe.
 */
public final class S3MockNode implements AutoCloseable {
  public static final String BUCKET = "kafscale-e2e";
  private final int httpPort = FreePorts.next();
  private final int tlsPort = FreePorts.next();
  private final Path root;
  private final ChildProcess process;

  public S3MockNode(Path root) {
    this.root = root;
    List<String> command =
        List.of(
            ChildProcess.javaBinary(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            s3MockJar().toString(),
            "--com.adobe.testing.s3mock.httpPort=" + httpPort,
            "--server.port=" + tlsPort,
            "--server.address=127.0.0.1",
            "--com.adobe.testing.s3mock.store.root=" + root,
            "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
            "--com.adobe.testing.s3mock.store.retainFilesOnExit=true");
    this.process =
        new ChildProcess(command, Map.of(), root.resolveSibling("s3mock-" + httpPort + ".log"));
  }

  public static Path s3MockJar() {
    String jar = System.getProperty("s3mock.jar", "../storage/target/s3mock/s3mock-exec.jar");
    return Path.of(jar).toAbsolutePath();
  }

  /** Starts the server and waits until it answers HTTP. */
  public S3MockNode start() {
    process.start();
    await("S3Mock ready on " + endpoint())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited:\n" + process.logTail(4000));
              }
              return HttpProbe.get(endpoint() + "/").isPresent();
            });
    return this;
  }

  /** Stops the server abruptly; its stored objects stay on disk for the next start. */
  public void stop() {
    process.kill9();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  public String bucket() {
    return BUCKET;
  }

  public Path root() {
    return root;
  }

  /** The broker settings that point it at this server. */
  public Map<String, String> brokerEnv() {
    return Map.of(
        "KAFSCALE_S3_BUCKET", BUCKET,
        "KAFSCALE_S3_ENDPOINT", endpoint(),
        "KAFSCALE_S3_PATH_STYLE", "true",
        "KAFSCALE_S3_REGION", "us-east-1",
        "KAFSCALE_S3_ACCESS_KEY", "test",
        "KAFSCALE_S3_SECRET_KEY", "test");
  }

  @Override
  public void close() {
    process.stop(10);
  }
}
