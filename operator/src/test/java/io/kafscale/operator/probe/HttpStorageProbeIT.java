/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpStorageProbeIT {
  private final HttpStorageProbe probe = new HttpStorageProbe(Duration.ofSeconds(2));

  @Test
  void shouldTreatForbiddenAsReachableAndNotFoundAsMissingBucket() throws Exception {
    // Given: an S3-like endpoint that knows one bucket and needs credentials for it
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/known") ? 403 : 404, -1);
          ex.close();
        });
    server.start();
    try {
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();

      // When
      ProbeResult known = probe.check(s3(endpoint, "known"));
      ProbeResult missing = probe.check(s3(endpoint, "missing"));

      // Then
      assertThat(known.ok()).isTrue();
      assertThat(missing.ok()).isFalse();
      assertThat(missing.detail()).startsWith("bucket does not exist (HTTP 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldReportUnreachableEndpoint() throws Exception {
    // Given: a port nobody listens on
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }

    // When
    ProbeResult r = probe.check(s3("http://127.0.0.1:" + port, "b"));

    // Then
    assertThat(r.ok()).isFalse();
    assertThat(r.detail()).contains("ConnectException");
  }

  private static KafscaleClusterSpec.S3 s3(String endpoint, String bucket) {
    KafscaleClusterSpec.S3 s3 = new KafscaleClusterSpec.S3();
    s3.endpoint = endpoint;
    s3.bucket = bucket;
    return s3;
  }
}
