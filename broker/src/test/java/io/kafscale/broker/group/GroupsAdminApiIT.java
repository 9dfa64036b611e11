/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.admin.AdminServer;
import io.kafscale.broker.admin.GroupsApi;
import io.kafscale.broker.config.HostPort;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer-group endpoints of the admin HTTP server over a loopback socket, backed by a real
 * coordinator (in-memory registry) and a lag reporter.
 */
class GroupsAdminApiIT {
  private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<PartitionRef, Long> hws =
      Map.of(new PartitionRef("orders", 0), 30L, new PartitionRef("orders", 1), 12L);
  private final HighWatermarkSource source =
      partitions -> {
        Map<PartitionRef, Long> known = new java.util.HashMap<>(hws);
        known.keySet().retainAll(partitions);
        return CompletableFuture.completedFuture(known);
      };
  private LagReporter lag;
  private AdminServer server;

  @BeforeEach
  void start() throws Exception {
    ctx.own(1, 1);
    lag =
        new LagReporter(
            ctx.coordinator,
            source,
            new LagConfig(Duration.ofSeconds(30), true, 10),
            ctx.scheduler,
            ctx.clock,
            registry);
    GroupsApi api =
        new GroupsApi(
            1,
            ctx.coordinator,
            lag::latest,
            source,
            groupId -> groupId.startsWith("elsewhere") ? OptionalInt.of(7) : OptionalInt.empty());
    server = new AdminServer(new HostPort("127.0.0.1", 0), registry, () -> true, api);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    lag.close();
    ctx.close();
    registry.close();
    client.close();
  }

  private void commit(String group, int partition, long offset) {
    commit(group, "", -1, partition, offset);
  }

  /** A member's commit ({@code ""} and -1: an assign() consumer's). */
  private void commit(String group, String member, int generation, int partition, long offset) {
    ErrorKind result =
        ctx.coordinator
            .commitOffsets(
                group,
                member,
                Optional.empty(),
                generation,
                Map.of(
                    new PartitionRef("orders", partition),
                    new CommittedOffsetRecord(offset, 0, "", ctx.clock.millis())))
            .join();
    assertThat(result).isEqualTo(ErrorKind.NONE);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldListTheCoordinatedGroupsWithTheirLatestLag() throws Exception {
    // Given
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "live");
    commit("live", member, 1, 0, 10);
    commit("offsets-only", 1, 12);
    lag.refresh().join();

    // When
    HttpResponse<String> response = get("/api/v1/groups");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.body())
        .startsWith("{\"coordinator\":1,")
        .contains(
            "{\"groupId\":\"live\",\"state\":\"Stable\",\"protocolType\":\"consumer\","
                + "\"protocol\":\"range\",\"generation\":1,\"members\":1,\"lag\":20}")
        .contains(
            "{\"groupId\":\"offsets-only\",\"state\":\"Empty\",\"protocolType\":null,"
                + "\"protocol\":null,\"generation\":0,\"members\":0,\"lag\":0}");
  }

  @Test
  void shouldDescribeAGroupWithItsMembersAssignmentsAndPartitionLag() throws Exception {
    // Given: a member whose assignment is in the consumer protocol's format
    GroupResponse.JoinResponse first =
        (GroupResponse.JoinResponse) ctx.join(ctx.coordinator, "g/1", "").join();
    GroupResponse.JoinResponse joined =
        (GroupResponse.JoinResponse) ctx.join(ctx.coordinator, "g/1", first.memberId()).join();
    ByteBuffer assignment =
        ConsumerProtocol.serializeAssignment(
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(
                List.of(new TopicPartition("orders", 1), new TopicPartition("orders", 0))));
    byte[] bytes = new byte[assignment.remaining()];
    assignment.get(bytes);
    ctx.sync(
            ctx.coordinator,
            "g/1",
            joined.memberId(),
            joined.generation(),
            Map.of(joined.memberId(), Bytes.of(bytes)))
        .join();
    commit("g/1", joined.memberId(), joined.generation(), 0, 25);
    commit("g/1", joined.memberId(), joined.generation(), 1, 12);

    // When: the id is percent-encoded in the path
    HttpResponse<String> response = get("/api/v1/groups/g%2F1");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"groupId\":\"g/1\",\"coordinator\":1,\"state\":\"Stable\"")
        .contains("\"memberId\":\"" + joined.memberId() + "\"")
        .contains("\"clientId\":\"client\",\"clientHost\":\"/127.0.0.1\"")
        .contains("\"assignment\":[{\"topic\":\"orders\",\"partitions\":[0,1]}]")
        .contains("\"lag\":5,\"offsets\":[")
        .contains(
            "{\"topic\":\"orders\",\"partition\":0,\"committedOffset\":25,"
                + "\"highWatermark\":30,\"lag\":5}")
        .contains(
            "{\"topic\":\"orders\",\"partition\":1,\"committedOffset\":12,"
                + "\"highWatermark\":12,\"lag\":0}");
  }

  @Test
  void shouldAnswerNotFoundNamingTheCoordinatorWhenAnotherBrokerCoordinatesTheGroup()
      throws Exception {
    // Given: this broker owns no coordinator partition
    ctx.owned.clear();

    // When
    HttpResponse<String> elsewhere = get("/api/v1/groups/elsewhere-1");
    HttpResponse<String> unknown = get("/api/v1/groups/nobody");

    // Then
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.body())
        .isEqualTo("{\"error\":\"not_coordinator\",\"groupId\":\"elsewhere-1\",\"coordinator\":7}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo("{\"error\":\"not_coordinator\",\"groupId\":\"nobody\",\"coordinator\":null}");
  }

  @Test
  void shouldAnswerNotFoundForAGroupThatDoesNotExist() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/groups/missing");

    // Then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo("{\"error\":\"group_not_found\",\"groupId\":\"missing\"}");
  }

  @Test
  void shouldExposeTheLagGaugesOnMetrics() throws Exception {
    // Given
    commit("scraped", 0, 10);
    lag.refresh().join();

    // When
    String scrape = get("/metrics").body();

    // Then
    assertThat(scrape)
        .contains("kafscale_consumer_lag{group=\"scraped\"} 20.0")
        .contains(
            "kafscale_consumer_partition_lag{group=\"scraped\",partition=\"0\",topic=\"orders\"}"
                + " 20.0");
  }

  @Test
  void shouldRejectOtherMethodsOnTheGroupsApi() throws Exception {
    // When
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/groups"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // Then
    assertThat(response.statusCode()).isEqualTo(405);
  }
}
