/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.config.HostPort;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.network.BrokerServer;
import io.kafscale.metadata.model.BrokerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inter-broker client against the broker's real Kafka listener pipeline on loopback: a test
 * handler answers WriteTxnMarkers with the producer ids it got, and never answers negative ones.
 */
class NettyInterBrokerClientIT {
  private static final short VERSION = InterBrokerClient.versionOf(ApiKeys.WRITE_TXN_MARKERS);

  private final List<BrokerServer> servers = new ArrayList<>();
  private final List<CompletableFuture<ApiMessage>> unanswered = new CopyOnWriteArrayList<>();
  private final List<String> clientIds = new CopyOnWriteArrayList<>();
  private NettyInterBrokerClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    // The server releases a request's frame once its handler's stage completes.
    unanswered.forEach(f -> f.completeExceptionally(new IllegalStateException("test over")));
    servers.forEach(BrokerServer::close);
  }

  private final RequestHandler handler =
      (context, frame) -> {
        clientIds.add(frame.clientId());
        WriteTxnMarkersRequestData request = (WriteTxnMarkersRequestData) frame.body();
        long producerId = request.markers().get(0).producerId();
        if (producerId < 0) {
          CompletableFuture<ApiMessage> never = new CompletableFuture<>();
          unanswered.add(never);
          return never;
        }
        WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
        response.markers().add(new WritableTxnMarkerResult().setProducerId(producerId));
        return CompletableFuture.completedFuture(response);
      };

  private BrokerServer startServer(int port) throws InterruptedException {
    BrokerServer server =
        new BrokerServer(
            new NetworkConfig(
                new HostPort("127.0.0.1", port),
                "127.0.0.1",
                0,
                new HostPort("127.0.0.1", 0),
                1 << 20,
                1 << 20),
            new SimpleMeterRegistry());
    servers.add(server);
    server.bind();
    server.start(handler);
    return server;
  }

  private NettyInterBrokerClient client(Duration requestTimeout, Duration backoff) {
    client =
        new NettyInterBrokerClient(
            new InterBrokerSettings(
                "kafscale-broker-1",
                Duration.ofSeconds(5),
                requestTimeout,
                backoff,
                backoff,
                1 << 20),
            Clock.systemUTC());
    return client;
  }

  private static BrokerRecord broker(int port) {
    return new BrokerRecord(2, "127.0.0.1", port, Optional.empty(), 0, false, "incarnation");
  }

  private static WriteTxnMarkersRequestData request(long producerId) {
    return new WriteTxnMarkersRequestData()
        .setMarkers(
            List.of(
                new WritableTxnMarker()
                    .setProducerId(producerId)
                    .setProducerEpoch((short) 0)
                    .setCoordinatorEpoch(1)));
  }

  private static long producerIdOf(ApiMessage response) {
    return ((WriteTxnMarkersResponseData) response).markers().get(0).producerId();
  }

  @Test
  void shouldMatchEveryResponseToItsRequestOverOnePooledConnection() throws Exception {
    // Given
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofSeconds(10), Duration.ofMillis(50));
    BrokerRecord target = broker(server.boundPort());
    // When
    List<CompletableFuture<ApiMessage>> responses = new ArrayList<>();
    for (long id = 0; id < 50; id++) {
      responses.add(client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(id)));
    }
    // Then
    for (int id = 0; id < 50; id++) {
      assertThat(producerIdOf(responses.get(id).get(10, TimeUnit.SECONDS))).isEqualTo(id);
    }
    assertThat(server.connectionCount()).isEqualTo(1);
    assertThat(clientIds).containsOnly("kafscale-broker-1");
  }

  @Test
  void shouldFailARequestWithoutResponseAfterTheRequestTimeoutAndReconnectForTheNext()
      throws Exception {
    // Given
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofMillis(300), Duration.ofMillis(50));
    BrokerRecord target = broker(server.boundPort());
    // When
    CompletableFuture<ApiMessage> stuck =
        client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(-1));
    // Then
    assertThat(stuck)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    assertThat(
            producerIdOf(
                client
                    .send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(3))
                    .get(5, TimeUnit.SECONDS)))
        .isEqualTo(3);
  }

  @Test
  void shouldFailInFlightRequestsWhenTheConnectionDrops() throws Exception {
    // Given
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofSeconds(30), Duration.ofMillis(50));
    CompletableFuture<ApiMessage> inFlight =
        client.send(broker(server.boundPort()), ApiKeys.WRITE_TXN_MARKERS, VERSION, request(-1));
    await().atMost(Duration.ofSeconds(5)).until(() -> unanswered.size() == 1);
    // When
    server.close();
    // Then
    assertThat(inFlight)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(NetworkException.class);
  }

  @Test
  void shouldBackOffAfterAFailedConnectThenReconnectOnceTheBrokerIsBack() throws Exception {
    // Given: nothing listens on the port
    BrokerServer probe = startServer(0);
    int port = probe.boundPort();
    probe.close();
    servers.remove(probe);
    NettyInterBrokerClient client = client(Duration.ofSeconds(5), Duration.ofMillis(500));
    BrokerRecord target = broker(port);
    assertThat(client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(1)))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(NetworkException.class);
    // When: a send inside the backoff fails at once, without a connect attempt
    CompletableFuture<ApiMessage> duringBackoff =
        client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(2));
    // Then
    assertThat(duringBackoff).isCompletedExceptionally();
    startServer(port);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                producerIdOf(
                        client
                            .send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(4))
                            .get(5, TimeUnit.SECONDS))
                    == 4);
  }

  @Test
  void shouldFailPendingRequestsAndRefuseNewOnesWhenClosed() throws Exception {
    // Given
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofSeconds(30), Duration.ofMillis(50));
    BrokerRecord target = broker(server.boundPort());
    CompletableFuture<ApiMessage> pending =
        client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(-1));
    await().atMost(Duration.ofSeconds(5)).until(() -> unanswered.size() == 1);
    // When
    client.close();
    // Then
    assertThat(pending).isCompletedExceptionally();
    assertThat(client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(1)))
        .isCompletedExceptionally();
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 0);
  }

  @Test
  void shouldCloseTheConnectionOfABrokerThatLeftTheClusterAndFailItsRequests() throws Exception {
    // Given a connection with a request in flight, to broker 2
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofSeconds(30), Duration.ofMillis(50));
    CompletableFuture<ApiMessage> inFlight =
        client.send(broker(server.boundPort()), ApiKeys.WRITE_TXN_MARKERS, VERSION, request(-1));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
    // When broker 2 is no longer in the cluster image
    assertThat(client.evictAbsent(java.util.Set.of(1, 3))).containsExactly(2);
    // Then its connection is closed and dropped, and its request failed
    assertThat(inFlight)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(NetworkException.class);
    assertThat(client.connectedBrokerIds()).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 0);
  }

  @Test
  void shouldKeepConnectionsOfBrokersStillInTheCluster() throws Exception {
    // Given
    BrokerServer server = startServer(0);
    NettyInterBrokerClient client = client(Duration.ofSeconds(10), Duration.ofMillis(50));
    client
        .send(broker(server.boundPort()), ApiKeys.WRITE_TXN_MARKERS, VERSION, request(1))
        .get(5, TimeUnit.SECONDS);
    // When / Then
    assertThat(client.evictAbsent(java.util.Set.of(2))).isEmpty();
    assertThat(client.connectedBrokerIds()).containsExactly(2);
  }

  @Test
  void shouldCountAndTimeRequestsByApiAndOutcome() throws Exception {
    // Given a client metering into a registry
    BrokerServer server = startServer(0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    client =
        new NettyInterBrokerClient(
            new InterBrokerSettings(
                "kafscale-broker-1",
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                1 << 20),
            Clock.systemUTC(),
            registry,
            () -> java.util.Set.of(2));
    BrokerRecord target = broker(server.boundPort());
    // When one request is answered and one times out
    client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(1)).get(5, TimeUnit.SECONDS);
    CompletableFuture<ApiMessage> stuck =
        client.send(target, ApiKeys.WRITE_TXN_MARKERS, VERSION, request(-1));
    assertThat(stuck).failsWithin(Duration.ofSeconds(5));
    // Then
    String api = ApiKeys.WRITE_TXN_MARKERS.name;
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(
                      registry
                          .get("kafscale.interbroker.requests")
                          .tags("api", api, "outcome", "success")
                          .counter()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("kafscale.interbroker.requests")
                          .tags("api", api, "outcome", "timeout")
                          .counter()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("kafscale.interbroker.request.latency")
                          .tags("api", api)
                          .timer()
                          .count())
                  .isEqualTo(2);
            });
  }
}
