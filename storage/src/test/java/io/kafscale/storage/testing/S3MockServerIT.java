/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3MockServerIT {

  @Test
  void shouldStartOnOtherPortsWhenAPickedPortWasTakenMeanwhile() throws Exception {
    // Given: another process holds the plain-HTTP port the fixture picked
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        S3MockServer s3 =
            S3MockServer.create("port-taken", List.of(taken.getLocalPort(), FreePorts.next()))) {

      // When
      s3.start();

      // Then
      assertThat(s3.port()).isNotEqualTo(taken.getLocalPort());
      HttpResponse<Void> listing =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(s3.endpoint().resolve("/")).build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(listing.statusCode()).isEqualTo(200);
    }
  }
}
