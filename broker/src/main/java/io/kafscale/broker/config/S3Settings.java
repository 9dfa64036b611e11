/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.net.URI;

/**
 * How to reach the S3 bucket holding segments. {@code endpoint}, the keys, the session token and
 * {@code kmsArn} may be null (defaults: AWS endpoint, default credentials chain, no SSE-KMS).
 * {@link #toString()} never shows the secrets.
 */
public record S3Settings(
    String bucket,
    String region,
    URI endpoint,
    boolean pathStyle,
    String accessKey,
    String secretKey,
    String sessionToken,
    String kmsArn) {

  /** Whether static credentials were given (otherwise the default chain is used). */
  public boolean hasStaticCredentials() {
    return accessKey != null && secretKey != null;
  }

  /** A description safe to log: bucket, region, endpoint and credential kind, no secrets. */
  public String describe() {
    return "s3://"
        + bucket
        + " region="
        + region
        + (endpoint == null ? "" : " endpoint=" + endpoint)
        + (pathStyle ? " path-style" : "")
        + " credentials="
        + (hasStaticCredentials() ? "static" : "default-chain")
        + (kmsArn == null ? "" : " sse=kms");
  }

  @Override
  public String toString() {
    return "S3Settings[" + describe() + "]";
  }
}
