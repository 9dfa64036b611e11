/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.storage.testing.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Broker jar processes for the e2e tests. Tests that only talk to a broker share one local-store
 * process per JVM ({@link #shared()}: one JVM start instead of one per test class, each test using
 * its own topics); tests that kill, stop or restart their broker start a private one. Thread-safe.
 */
public final class Brokers {
  private static BrokerProcess shared;

  private Brokers() {}

  /**
   * The JVM-wide broker on the local store, started on first use and killed when the JVM exits.
   * Tests must not stop it, and must use topic names no other test uses.
   */
  public static synchronized BrokerProcess shared() {
    if (shared == null) {
      Path dataDir =
          Path.of("target", "e2e-shared-broker", Long.toString(ProcessHandle.current().pid()));
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      BrokerProcess broker = BrokerProcess.create(dataDir.toAbsolutePath(), Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "e2e-shared-broker-kill"));
      shared = broker.start();
    }
    return shared;
  }

  /** A started private broker on the local store in {@code dataDir}. */
  public static BrokerProcess localStore(Path dataDir) {
    return BrokerProcess.create(dataDir, Map.of()).start();
  }

  /** A started private broker keeping its objects in {@code s3}'s bucket, metadata in dataDir. */
  public static BrokerProcess s3Store(Path dataDir, S3MockServer s3) {
    return BrokerProcess.create(dataDir, BrokerFixture.s3Env(s3.endpoint().toString(), s3.bucket()))
        .start();
  }
}
