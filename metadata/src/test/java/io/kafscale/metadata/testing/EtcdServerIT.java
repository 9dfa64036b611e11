/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EtcdServerIT {

  @Test
  void shouldStartOnAnotherPortWhenThePickedClientPortWasTakenMeanwhile() throws Exception {
    // Given: another process holds the port the fixture picked
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

      // When
      try (EtcdServer etcd = EtcdServer.startTrying(taken.getLocalPort())) {

        // Then
        assertThat(etcd.endpoint()).doesNotEndWith(":" + taken.getLocalPort());
        assertThat(etcd.etcdctl("endpoint", "health")).contains("is healthy");
      }
    }
  }
}
