/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerJarProcessIT {

  @Test
  void shouldStartOnOtherPortsWhenAPickedOneWasTakenMeanwhile(@TempDir Path tmp) throws Exception {
    // Given: another process holds the Kafka port the broker picked
    BrokerJarProcess broker = new BrokerJarProcess(tmp.resolve("data"));
    String picked = broker.bootstrap();
    int port = Integer.parseInt(picked.substring(picked.lastIndexOf(':') + 1));
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        broker) {
      // When
      broker.start();
      // Then it serves on another port
      assertThat(broker.bootstrap()).isNotEqualTo(picked);
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(1);
      }
    }
  }
}
