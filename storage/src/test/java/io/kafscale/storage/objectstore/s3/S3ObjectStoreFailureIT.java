/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.testing.FreePorts;
import io.kafscale.storage.testing.S3MockExtension;
import io.kafscale.storage.testing.S3MockServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How {@link S3ObjectStore} reports a missing bucket, a dead endpoint and an S3 outage. */
@ExtendWith(S3MockExtension.class)
class S3ObjectStoreFailureIT {

  @Test
  void shouldExplainAccessFailureWhenBucketDoesNotExist(S3MockServer server) {
    // Given
    S3Config config =
        new S3Config(
            "no-such-bucket",
            S3MockServer.REGION,
            server.config().endpoint(),
            true,
            server.config().accessKey(),
            server.config().secretKey(),
            server.config().sessionToken(),
            server.config().kmsKeyArn(),
            1,
            Duration.ofSeconds(5));
    try (S3ObjectStore store = S3ObjectStore.create(config)) {
      // When
      Throwable failure = failureOf(store.checkAccess());
      // Then
      assertThat(failure)
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("'no-such-bucket'")
          .hasMessageContaining(server.endpoint().toString())
          .hasMessageContaining("region us-east-1")
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("bucket does not exist")
          .hasMessageNotContaining("test-secret-key");
    }
  }

  @Test
  void shouldExplainAccessFailureWhenNothingListensAtEndpoint() {
    // Given
    URI dead = URI.create("http://127.0.0.1:" + FreePorts.next());
    S3Config config =
        S3Config.of("kafscale", "eu-west-1")
            .withEndpoint(dead, true)
            .withStaticCredentials("test-access-key", "test-secret-key")
            .withRetries(1, Duration.ofSeconds(5));
    try (S3ObjectStore store = S3ObjectStore.create(config)) {
      // When
      Throwable failure = failureOf(store.checkAccess());
      // Then
      assertThat(failure)
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("'kafscale'")
          .hasMessageContaining(dead.toString())
          .hasMessageContaining("region eu-west-1")
          .hasMessageContaining("cannot reach the endpoint")
          .hasMessageNotContaining("test-secret-key");
    }
  }

  @Test
  void shouldFailWritesWhileS3IsDownAndRecoverWhenItReturns() throws Exception {
    // Given: a private server, because this test stops it
    try (S3MockServer server = S3MockServer.create("outage").start();
        S3ObjectStore store = S3ObjectStore.create(server.config())) {
      store.put("before", utf8("written before the outage")).get(30, TimeUnit.SECONDS);
      // When
      server.stop();
      Throwable duringOutage = failureOf(store.put("during", utf8("lost")));
      server.start();
      store.put("after", utf8("written after the outage")).get(30, TimeUnit.SECONDS);
      // Then
      assertThat(duringOutage)
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("cannot reach the endpoint");
      // Attempts before the last one are attached as suppressed exceptions by the SDK.
      assertThat(duringOutage.getCause().getSuppressed()).hasSize(server.config().maxRetries());
      assertThat(text(store.get("before").get(30, TimeUnit.SECONDS)))
          .isEqualTo("written before the outage");
      assertThat(text(store.get("after").get(30, TimeUnit.SECONDS)))
          .isEqualTo("written after the outage");
    }
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected the operation to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(ByteBuffer b) {
    return StandardCharsets.UTF_8.decode(b).toString();
  }
}
