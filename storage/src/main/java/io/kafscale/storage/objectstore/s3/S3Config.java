/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of {@link S3ObjectStore}. Immutable; {@link #toString()} never shows secrets.
 *
 * @param bucket bucket holding every object of the cluster
 * @param region signing region (S3-compatible servers accept any, e.g. {@code us-east-1})
 * @param endpoint endpoint override for S3-compatible servers; empty means AWS for {@code region}
 * @param pathStyle {@code http://host/bucket/key} addressing instead of virtual-hosted buckets
 * @param accessKey static access key id; with {@code secretKey}, replaces the default chain
 * @param secretKey static secret access key
 * @param sessionToken session token for temporary static credentials
 * @param kmsKeyArn when present, objects are written with SSE-KMS under this key
 * @param maxRetries retries after the first attempt on throttling, 5xx and I/O errors
 * @param requestTimeout limit of one attempt (not of the whole call with its retries)
 */
public record S3Config(
    String bucket,
    String region,
    Optional<URI> endpoint,
    boolean pathStyle,
    Optional<String> accessKey,
    Optional<String> secretKey,
    Optional<String> sessionToken,
    Optional<String> kmsKeyArn,
    int maxRetries,
    Duration requestTimeout) {

  /** Retries when nothing else is configured. */
  public static final int DEFAULT_MAX_RETRIES = 5;

  /** Per-attempt timeout when nothing else is configured: enough for a large segment PUT. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Validates all settings at once and reports every problem in one exception. */
  public S3Config {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    List<String> problems = new ArrayList<>();
    if (bucket == null || bucket.isBlank()) {
      problems.add("bucket must not be blank");
    }
    if (region == null || region.isBlank()) {
      problems.add("region must not be blank");
    }
    endpoint.ifPresent(
        uri -> {
          if (uri.getScheme() == null || uri.getHost() == null) {
            problems.add(
                "endpoint must be an absolute URI with a host, e.g. http://127.0.0.1:9000");
          }
        });
    if (accessKey.isPresent() != secretKey.isPresent()) {
      problems.add("accessKey and secretKey must be given together");
    }
    if (sessionToken.isPresent() && accessKey.isEmpty()) {
      problems.add("sessionToken requires accessKey and secretKey");
    }
    if (maxRetries < 0) {
      problems.add("maxRetries must be >= 0, was " + maxRetries);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      problems.add("requestTimeout must be positive, was " + requestTimeout);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid S3 configuration: " + String.join("; ", problems));
    }
  }

  /** AWS S3 in {@code region} with default credentials, no KMS, default retries and timeout. */
  public static S3Config of(String bucket, String region) {
    return new S3Config(
        bucket,
        region,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_MAX_RETRIES,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** A copy pointing at an S3-compatible endpoint. */
  public S3Config withEndpoint(URI uri, boolean pathStyleAccess) {
    return new S3Config(
        bucket,
        region,
        Optional.of(uri),
        pathStyleAccess,
        accessKey,
        secretKey,
        sessionToken,
        kmsKeyArn,
        maxRetries,
        requestTimeout);
  }

  /** A copy using static credentials instead of the default provider chain. */
  public S3Config withStaticCredentials(String accessKeyId, String secretAccessKey) {
    return new S3Config(
        bucket,
        region,
        endpoint,
        pathStyle,
        Optional.of(accessKeyId),
        Optional.of(secretAccessKey),
        Optional.empty(),
        kmsKeyArn,
        maxRetries,
        requestTimeout);
  }

  /** A copy writing objects with SSE-KMS under {@code keyArn}. */
  public S3Config withKmsKey(String keyArn) {
    return new S3Config(
        bucket,
        region,
        endpoint,
        pathStyle,
        accessKey,
        secretKey,
        sessionToken,
        Optional.of(keyArn),
        maxRetries,
        requestTimeout);
  }

  /** A copy with other retry and timeout limits. */
  public S3Config withRetries(int retries, Duration timeout) {
    return new S3Config(
        bucket,
        region,
        endpoint,
        pathStyle,
        accessKey,
        secretKey,
        sessionToken,
        kmsKeyArn,
        retries,
        timeout);
  }

  /** Whether static credentials replace the default provider chain. */
  public boolean hasStaticCredentials() {
    return accessKey.isPresent() && secretKey.isPresent();
  }

  /** Human-readable target for messages: the endpoint, or "AWS S3 (default endpoint)". */
  public String endpointDescription() {
    return endpoint.map(URI::toString).orElse("AWS S3 default endpoint");
  }

  @Override
  public String toString() {
    return "S3Config[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + endpointDescription()
        + ", pathStyle="
        + pathStyle
        + ", credentials="
        + (hasStaticCredentials()
            ? "static(accessKey=" + mask(accessKey.get()) + ")"
            : "default chain")
        + ", sessionToken="
        + (sessionToken.isPresent() ? "***" : "none")
        + ", kms="
        + kmsKeyArn.orElse("none")
        + ", maxRetries="
        + maxRetries
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static String mask(String value) {
    // Access key ids are not secret, but showing only a hint keeps logs safe to share.
    return value.length() <= 4 ? "***" : value.substring(0, 4) + "***";
  }
}
