/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checks that the bucket's endpoint answers with an unauthenticated HEAD request: any HTTP answer
 * but 404 means the bucket exists behind a reachable endpoint (403 is the normal answer without
 * credentials). It does not prove the credentials: the brokers check those at start and refuse to
 * run without access, which the BrokersReady condition then shows. Thread-safe.
 */
public final class HttpStorageProbe implements StorageProbe {
  private final HttpClient http;
  private final Duration timeout;

  public HttpStorageProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public ProbeResult check(KafscaleClusterSpec.S3 s3) {
    URI uri = bucketUri(s3);
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .timeout(timeout)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 404) {
        return ProbeResult.unreachable("bucket does not exist (HTTP 404 from " + uri + ")");
      }
      return ProbeResult.reachable("HTTP " + r.statusCode() + " from " + uri);
    } catch (IOException e) {
      return ProbeResult.unreachable(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.unreachable("interrupted");
    }
  }

  /** Path-style under an endpoint override, virtual-hosted style on AWS. */
  static URI bucketUri(KafscaleClusterSpec.S3 s3) {
    if (s3.endpoint != null) {
      String base = s3.endpoint.endsWith("/") ? s3.endpoint : s3.endpoint + "/";
      return URI.create(base + s3.bucket);
    }
    String region = s3.region == null ? "us-east-1" : s3.region;
    return URI.create("https://" + s3.bucket + ".s3." + region + ".amazonaws.com/");
  }
}
