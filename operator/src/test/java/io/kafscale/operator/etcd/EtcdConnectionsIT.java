/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.etcd.EtcdConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients connect lazily, so these loopback configurations (nothing listens) are never dialled. An
 * IT: jetcd needs the Vert.x 4 failsafe classpath.
 */
class EtcdConnectionsIT {
  private static final EtcdConfig OLD = EtcdConfig.of(List.of("http://127.0.0.1:1"));
  private static final EtcdConfig NEW = EtcdConfig.of(List.of("http://127.0.0.1:2"));

  @Test
  void shouldCloseAClusterClientWhenItsSettingsChangeOrItIsDeleted() {
    try (EtcdConnections connections =
        new EtcdConnections(Clock.systemUTC(), Duration.ofMillis(200))) {
      // Given: two clusters share one configuration
      connections.topics(OLD);
      connections.bind("ns/a", OLD);
      connections.bind("ns/b", OLD);
      int shared = connections.openClients();

      // When: a's credentials rotate, then b is deleted
      connections.topics(NEW);
      connections.bind("ns/a", NEW);
      int whileBStillUsesOld = connections.openClients();
      connections.release("ns/b");
      int afterB = connections.openClients();
      connections.release("ns/a");

      // Then
      assertThat(shared).isEqualTo(1);
      assertThat(whileBStillUsesOld).isEqualTo(2);
      assertThat(afterB).isEqualTo(1);
      assertThat(connections.openClients()).isZero();
    }
  }
}
