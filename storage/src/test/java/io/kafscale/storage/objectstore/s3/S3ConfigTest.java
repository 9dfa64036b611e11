/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3ConfigTest {

  @Test
  void shouldNeverShowSecretsWhenPrinted() {
    // Given
    S3Config config =
        new S3Config(
            "bucket",
            "eu-west-1",
            Optional.of(URI.create("http://127.0.0.1:9000")),
            true,
            Optional.of("AKIAEXAMPLEKEY"),
            Optional.of("super-secret"),
            Optional.of("session-tok"),
            Optional.empty(),
            3,
            Duration.ofSeconds(5));
    // When
    String printed = config.toString();
    // Then
    assertThat(printed)
        .contains("bucket=bucket", "http://127.0.0.1:9000", "eu-west-1")
        .doesNotContain("super-secret", "session-tok", "AKIAEXAMPLEKEY");
  }

  @Test
  void shouldReportEveryProblemAtOnceWhenInvalid() {
    assertThatThrownBy(
            () ->
                new S3Config(
                    " ",
                    "",
                    Optional.of(URI.create("relative/path")),
                    false,
                    Optional.of("id"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    -1,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket must not be blank")
        .hasMessageContaining("region must not be blank")
        .hasMessageContaining("endpoint must be an absolute URI")
        .hasMessageContaining("accessKey and secretKey must be given together")
        .hasMessageContaining("maxRetries must be >= 0")
        .hasMessageContaining("requestTimeout must be positive");
  }

  @Test
  void shouldUseDefaultCredentialChainWhenNoStaticKeysGiven() {
    // Given
    S3Config config = S3Config.of("b", "us-east-1");
    // Then
    assertThat(config.hasStaticCredentials()).isFalse();
    assertThat(config.maxRetries()).isEqualTo(S3Config.DEFAULT_MAX_RETRIES);
    assertThat(config.endpointDescription()).isEqualTo("AWS S3 default endpoint");
    assertThat(config.withStaticCredentials("a", "s").hasStaticCredentials()).isTrue();
  }
}
