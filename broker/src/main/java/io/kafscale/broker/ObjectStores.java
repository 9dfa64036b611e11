/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.S3Settings;
import io.kafscale.broker.metrics.LocalStoreMetrics;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.file.PackedFileObjectStore;
import io.kafscale.storage.objectstore.s3.S3Config;
import io.kafscale.storage.objectstore.s3.S3ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the configured object store: S3 when a bucket is configured (and checked reachable, never
 * falling back to anything else), else a directory under the data directory.
 */
final class ObjectStores {
  private static final long S3_CHECK_TIMEOUT_SECONDS = 60;
  private static final int CHECK_RETRIES = 1;
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** Pack files of the local object store, under the data directory. */
  static final String PACKS_DIR = "packs";

  /** Objects written one file per key by versions before the pack store; still read. */
  static final String LEGACY_OBJECTS_DIR = "objects";

  private ObjectStores() {}

  /**
   * @throws BrokerStartException when S3 is configured but unreachable or refuses access
   */
  static ObjectStore open(BrokerConfig config, Closer closer, MeterRegistry registry)
      throws InterruptedException {
    if (!config.usesS3()) {
      PackedFileObjectStore packs =
          closer.register(
              new PackedFileObjectStore(
                  config.dataDir().resolve(PACKS_DIR),
                  config.localFsync(),
                  PackedFileObjectStore.DEFAULT_PACK_BYTES,
                  config.dataDir().resolve(LEGACY_OBJECTS_DIR)));
      LocalStoreMetrics.register(packs, registry);
      return packs;
    }
    S3Config s3 = s3Config(config.s3());
    // A separate client with few retries, so a wrong endpoint fails the start in seconds rather
    // than after the full retry budget that a running broker wants for its flushes.
    try (S3ObjectStore probe = S3ObjectStore.create(s3.withRetries(CHECK_RETRIES, CHECK_TIMEOUT))) {
      probe.checkAccess().get(S3_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new BrokerStartException(
          "S3 object store unreachable (" + config.s3().describe() + "): " + cause.getMessage(),
          cause);
    } catch (TimeoutException e) {
      throw new BrokerStartException(
          "S3 object store did not answer within "
              + S3_CHECK_TIMEOUT_SECONDS
              + " s ("
              + config.s3().describe()
              + ")",
          e);
    }
    S3ObjectStore store = closer.register(S3ObjectStore.create(s3));
    return store;
  }

  /** Where objects go, safe to log. */
  static String describe(BrokerConfig config) {
    return config.usesS3()
        ? config.s3().describe()
        : "file:" + config.dataDir().resolve(PACKS_DIR).toAbsolutePath().normalize();
  }

  static S3Config s3Config(S3Settings s3) {
    return new S3Config(
        s3.bucket(),
        s3.region(),
        Optional.ofNullable(s3.endpoint()),
        s3.pathStyle(),
        Optional.ofNullable(s3.accessKey()),
        Optional.ofNullable(s3.secretKey()),
        Optional.ofNullable(s3.sessionToken()),
        Optional.ofNullable(s3.kmsArn()),
        S3Config.DEFAULT_MAX_RETRIES,
        S3Config.DEFAULT_REQUEST_TIMEOUT);
  }
}
