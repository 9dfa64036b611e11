/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class BrokerServiceTest {

  @Test
  void shouldNotReadBrokerPartitionsWhenTheViewDoesNotShowFlushState() {
    // Given a broker whose admin API answers every path
    List<String> paths = new CopyOnWriteArrayList<>();
    BrokerAdmin admin =
        (address, path) -> {
          paths.add(path);
          return new BrokerAdmin.Reply(
              200, "{\"startedAtMs\":1,\"partitions\":[{\"flush\":{\"pendingBytes\":5}}]}", null);
        };
    BrokerService service =
        new BrokerService(null, MetadataReader.NONE, admin, 9093, Clock.systemUTC());
    BrokerService.ClusterInfo cluster =
        new BrokerService.ClusterInfo("c", 1, List.of(new Node(1, "127.0.0.1", 9092)));

    // When
    List<BrokerService.BrokerView> overview = service.list(cluster, false);
    List<String> overviewPaths = List.copyOf(paths);
    paths.clear();
    List<BrokerService.BrokerView> brokersPage = service.list(cluster);

    // Then
    assertThat(overviewPaths).doesNotContain("/api/v1/partitions");
    assertThat(overview.get(0).flush()).isNull();
    assertThat(paths).contains("/api/v1/partitions");
    assertThat(brokersPage.get(0).flush().pendingBytes()).isEqualTo(5L);
  }
}
