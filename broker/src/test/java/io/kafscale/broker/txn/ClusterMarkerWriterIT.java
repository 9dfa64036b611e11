/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.ApiSettings;
import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.KafkaApis;
import io.kafscale.broker.api.txn.WriteTxnMarkersHandler;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.broker.config.HostPort;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.interbroker.InterBrokerSettings;
import io.kafscale.broker.interbroker.NettyInterBrokerClient;
import io.kafscale.broker.network.BrokerServer;
import io.kafscale.broker.partition.ExecutorScheduler;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.storage.log.PartitionLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two brokers over the same stores, the second behind its real Kafka listener: broker 1's marker
 * writer writes its own partitions locally and sends WriteTxnMarkers to broker 2 over loopback;
 * every partition's log then holds the control batch.
 */
class ClusterMarkerWriterIT {
  private static final int PARTITIONS = 4;

  private final ApiTestContext ctx = new ApiTestContext();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private BrokerServer secondServer;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    ctx.close();
  }

  private ClusterNode startSecondBroker() throws InterruptedException {
    BrokerServer server =
        new BrokerServer(
            new NetworkConfig(
                new HostPort("127.0.0.1", 0),
                "127.0.0.1",
                0,
                new HostPort("127.0.0.1", 0),
                1 << 20,
                1 << 20),
            ctx.meters);
    toClose.add(server);
    secondServer = server;
    int port = server.bind();
    ClusterNode node = ctx.startNode(2, port, ctx.logs);
    toClose.add(node);
    KafkaApis apis =
        new KafkaApis(
            new ApiSettings(node.brokerId(), "127.0.0.1", port, null, true, 2, (short) 1, "test"),
            ctx.metadata,
            node.topics(),
            node.view(),
            ctx.meters,
            ctx.clock,
            ctx.scheduler);
    toClose.add(apis);
    server.start(apis);
    return node;
  }

  private Optional<PartitionLog> ownerLog(List<ClusterNode> nodes, int partition) {
    return ctx.node
        .view()
        .leader("orders", partition)
        .flatMap(
            leader ->
                nodes.stream()
                    .filter(n -> n.brokerId() == leader.broker().brokerId())
                    .findFirst()
                    .flatMap(n -> n.topics().log("orders", partition)));
  }

  @Test
  void shouldWriteTheMarkerToEveryPartitionThroughItsOwner() throws Exception {
    // Given: "orders" spread over both brokers
    ClusterNode second = startSecondBroker();
    ctx.createTopic("orders", PARTITIONS, Map.of());
    List<ClusterNode> nodes = List.of(ctx.node, second);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                IntStream.range(0, PARTITIONS).allMatch(p -> ownerLog(nodes, p).isPresent())
                    && IntStream.range(0, PARTITIONS)
                            .mapToObj(p -> ctx.node.view().leader("orders", p).orElseThrow())
                            .map(l -> l.broker().brokerId())
                            .distinct()
                            .count()
                        == 2);
    NettyInterBrokerClient client =
        new NettyInterBrokerClient(
            InterBrokerSettings.defaults(ctx.node.brokerId()), Clock.systemUTC());
    toClose.add(client);
    ExecutorScheduler retries = new ExecutorScheduler("marker-retries");
    toClose.add(retries);
    ClusterMarkerWriter writer =
        new ClusterMarkerWriter(
            ctx.node.brokerId(),
            ctx.node.view()::image,
            WriteTxnMarkersHandler.of(ctx.node.topics(), Optional.empty())::write,
            client,
            retries,
            Clock.systemUTC(),
            Duration.ofMillis(100),
            Duration.ofSeconds(20));
    toClose.add(writer);
    List<PartitionRef> partitions =
        IntStream.range(0, PARTITIONS).mapToObj(p -> new PartitionRef("orders", p)).toList();
    // When
    writer.writeMarkers(1000, (short) 0, true, 1, partitions).get(30, TimeUnit.SECONDS);
    // Then: one control batch (one offset) per partition, on whichever broker owns it
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(ownerLog(nodes, p).orElseThrow().highWatermark())
          .as("partition %d", p)
          .isEqualTo(1);
    }
    assertThat(secondServer.connectionCount()).as("inter-broker connections").isEqualTo(1);
  }
}
