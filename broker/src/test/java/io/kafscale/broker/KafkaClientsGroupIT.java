/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real kafka-clients 4.x group consumers (classic protocol) against an in-process broker: group
 * membership and rebalances, committed offsets, auto.offset.reset, cooperative rebalancing, static
 * membership and assign() commits, and the consumer lag reported on {@code /metrics} and the admin
 * API.
 */
class KafkaClientsGroupIT {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static BrokerFixture broker;
  private static Admin admin;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void startBroker() {
    broker =
        BrokerFixture.start(
            Map.of(
                "KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
                "KAFSCALE_GROUP_COORDINATOR_PARTITIONS", "5",
                "KAFSCALE_LAG_INTERVAL_MS", "200",
                "KAFSCALE_LAG_METRICS_PER_PARTITION", "true"));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(p);
  }

  @AfterAll
  static void stopBroker() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static void createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
  }

  private static void produce(String topic, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
    }
    producer.flush();
  }

  private static KafkaConsumer<String, String> consumer(String group, Map<String, String> extra) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    p.putAll(extra);
    return new KafkaConsumer<>(p);
  }

  /** Records every assignment a member receives, keyed by generation. */
  private static final class Assignments implements ConsumerRebalanceListener {
    /** generation -> member -> partitions owned after the callback. */
    final Map<Integer, Map<String, Set<TopicPartition>>> byGeneration = new ConcurrentHashMap<>();

    private final String member;
    private KafkaConsumer<?, ?> consumer;
    private final Set<TopicPartition> owned = new HashSet<>();

    Assignments(String member) {
      this.member = member;
    }

    void attach(KafkaConsumer<?, ?> c) {
      consumer = c;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      owned.addAll(partitions);
      byGeneration
          .computeIfAbsent(consumer.groupMetadata().generationId(), g -> new ConcurrentHashMap<>())
          .put(member, Set.copyOf(owned));
    }
  }

  private static KafkaConsumer<String, String> subscribed(
      String group, String topic, Assignments listener, Map<String, String> extra) {
    KafkaConsumer<String, String> c = consumer(group, extra);
    listener.attach(c);
    c.subscribe(List.of(topic), listener);
    return c;
  }

  private static void pollUntil(
      List<KafkaConsumer<String, String>> consumers, Set<String> seen, int expected) {
    await()
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              for (KafkaConsumer<String, String> c : consumers) {
                for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                  seen.add(r.value());
                }
              }
              return seen.size() >= expected;
            });
  }

  private static void assertNoOverlap(List<Assignments> listeners) {
    Map<Integer, Map<TopicPartition, String>> owners = new HashMap<>();
    for (Assignments a : listeners) {
      a.byGeneration.forEach(
          (generation, members) ->
              members.forEach(
                  (member, partitions) ->
                      partitions.forEach(
                          tp -> {
                            String previous =
                                owners
                                    .computeIfAbsent(generation, g -> new HashMap<>())
                                    .put(tp, member);
                            assertThat(previous)
                                .as("%s in generation %d", tp, generation)
                                .isIn(null, member);
                          })));
    }
  }

  @Test
  void shouldShareTopicAmongThreeMembersAndRebalanceWhenOneCloses() throws Exception {
    // Given
    createTopic("grp-orders", 6);
    produce("grp-orders", 0, 300);
    List<Assignments> listeners =
        List.of(new Assignments("a"), new Assignments("b"), new Assignments("c"));
    List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
    for (Assignments l : listeners) {
      consumers.add(subscribed("three", "grp-orders", l, Map.of()));
    }
    Set<String> seen = new HashSet<>();
    try {
      // When
      pollUntil(consumers, seen, 300);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                consumers.forEach(c -> c.poll(POLL));
                return consumers.stream().allMatch(c -> c.assignment().size() == 2);
              });
      int generation = consumers.getFirst().groupMetadata().generationId();
      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of("three")).all().get().get("three");
      consumers.removeLast().close();
      produce("grp-orders", 300, 60);
      pollUntil(consumers, seen, 360);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                consumers.forEach(c -> c.poll(POLL));
                return consumers.stream().mapToInt(c -> c.assignment().size()).sum() == 6
                    && consumers.stream().allMatch(c -> c.assignment().size() == 3);
              });
      // Then
      assertThat(seen).hasSize(360);
      assertThat(described.groupState()).isEqualTo(GroupState.STABLE);
      assertThat(described.members()).hasSize(3);
      assertThat(described.members())
          .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).hasSize(2));
      assertThat(consumers.getFirst().groupMetadata().generationId()).isGreaterThan(generation);
      assertNoOverlap(listeners);
    } finally {
      consumers.forEach(KafkaConsumer::close);
    }
  }

  @Test
  void shouldResumeFromCommittedOffsetsAndHonourAutoOffsetResetForNewGroups() throws Exception {
    // Given
    createTopic("grp-resume", 1);
    produce("grp-resume", 0, 10);
    Set<String> first = new HashSet<>();
    try (KafkaConsumer<String, String> c = consumer("resume", Map.of())) {
      c.subscribe(List.of("grp-resume"));
      pollUntil(List.of(c), first, 10);
      c.commitSync();
    }
    produce("grp-resume", 10, 5);
    // When
    Set<String> resumed = new HashSet<>();
    Set<String> latest = new HashSet<>();
    try (KafkaConsumer<String, String> again = consumer("resume", Map.of());
        KafkaConsumer<String, String> fresh =
            consumer("latest", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
      again.subscribe(List.of("grp-resume"));
      pollUntil(List.of(again), resumed, 5);
      fresh.subscribe(List.of("grp-resume"));
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                fresh.poll(POLL);
                return !fresh.assignment().isEmpty();
              });
      // a new group reading from latest sees only what arrives after it started
      fresh.poll(Duration.ofMillis(500)).forEach(r -> latest.add(r.value()));
      produce("grp-resume", 15, 3);
      pollUntil(List.of(fresh), latest, 3);
      // Then
      assertThat(first).hasSize(10);
      assertThat(resumed).containsExactlyInAnyOrder("v10", "v11", "v12", "v13", "v14");
      assertThat(latest).containsExactlyInAnyOrder("v15", "v16", "v17");
    }
  }

  @Test
  void shouldRebalanceCooperativelyWithoutOverlap() throws Exception {
    // Given
    createTopic("grp-coop", 4);
    produce("grp-coop", 0, 200);
    Map<String, String> coop =
        Map.of(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            CooperativeStickyAssignor.class.getName());
    Assignments la = new Assignments("a");
    Assignments lb = new Assignments("b");
    List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      consumers.add(subscribed("coop", "grp-coop", la, coop));
      pollUntil(consumers, seen, 1);
      // When: a second member joins an active group
      consumers.add(subscribed("coop", "grp-coop", lb, coop));
      pollUntil(consumers, seen, 200);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                consumers.forEach(c -> c.poll(POLL));
                return consumers.stream().allMatch(c -> c.assignment().size() == 2);
              });
      // Then
      assertThat(seen).hasSize(200);
      assertNoOverlap(List.of(la, lb));
      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of("coop")).all().get().get("coop");
      assertThat(described.partitionAssignor()).isEqualTo("cooperative-sticky");
    } finally {
      consumers.forEach(KafkaConsumer::close);
    }
  }

  @Test
  void shouldLetAStaticMemberRestartWithoutARebalance() throws Exception {
    // Given
    createTopic("grp-static", 2);
    produce("grp-static", 0, 20);
    Map<String, String> staticMember =
        Map.of(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
    int generationBefore;
    Set<TopicPartition> before;
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, String> c = consumer("static", staticMember)) {
      c.subscribe(List.of("grp-static"));
      pollUntil(List.of(c), seen, 20);
      generationBefore = c.groupMetadata().generationId();
      before = Set.copyOf(c.assignment());
      c.commitSync();
    }
    // When: restarted within the session timeout (a static member does not leave on close)
    produce("grp-static", 20, 4);
    try (KafkaConsumer<String, String> c = consumer("static", staticMember)) {
      c.subscribe(List.of("grp-static"));
      Set<String> after = new HashSet<>();
      pollUntil(List.of(c), after, 4);
      // Then
      assertThat(c.groupMetadata().generationId()).isEqualTo(generationBefore);
      assertThat(c.assignment()).isEqualTo(before);
      assertThat(after).hasSize(4);
      assertThat(c.groupMetadata().groupInstanceId()).contains("instance-1");
    }
  }

  @Test
  void shouldCommitAndFetchOffsetsOfAnAssignConsumer() throws Exception {
    // Given
    createTopic("grp-assign", 1);
    produce("grp-assign", 0, 10);
    TopicPartition tp = new TopicPartition("grp-assign", 0);
    // When
    try (KafkaConsumer<String, String> c = consumer("assigned", Map.of())) {
      c.assign(List.of(tp));
      c.commitSync(Map.of(tp, new OffsetAndMetadata(7, "seven")));
      Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.of(tp));
      // Then
      assertThat(committed.get(tp).offset()).isEqualTo(7);
      assertThat(committed.get(tp).metadata()).isEqualTo("seven");
    }
    try (KafkaConsumer<String, String> c = consumer("assigned", Map.of())) {
      c.assign(List.of(tp));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                c.poll(POLL).forEach(records::add);
                return records.size() >= 3;
              });
      assertThat(records.getFirst().offset()).isEqualTo(7);
    }
    assertThat(
            admin
                .listConsumerGroupOffsets("assigned")
                .partitionsToOffsetAndMetadata()
                .get()
                .get(tp)
                .offset())
        .isEqualTo(7);
  }

  private static String adminGet(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(broker.adminUri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  @Test
  void shouldReportConsumerLagThatFallsToZeroOnceTheGroupCaughtUp() throws Exception {
    // Given: 30 records on two partitions, and the group's offsets committed at 0
    createTopic("grp-lag", 2);
    produce("grp-lag", 0, 30);
    TopicPartition p0 = new TopicPartition("grp-lag", 0);
    TopicPartition p1 = new TopicPartition("grp-lag", 1);
    try (KafkaConsumer<String, String> c = consumer("lagging", Map.of())) {
      c.assign(List.of(p0, p1));
      c.commitSync(Map.of(p0, new OffsetAndMetadata(0), p1, new OffsetAndMetadata(0)));
    }

    // Then
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(adminGet("/metrics"))
                    .contains("kafscale_consumer_lag{group=\"lagging\"} 30.0"));

    // When: a group member consumes everything and commits
    Assignments listener = new Assignments("lag-member");
    try (KafkaConsumer<String, String> c = subscribed("lagging", "grp-lag", listener, Map.of())) {
      Set<String> seen = new HashSet<>();
      pollUntil(List.of(c), seen, 30);
      c.commitSync();

      // Then
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(adminGet("/metrics"))
                      .contains("kafscale_consumer_lag{group=\"lagging\"} 0.0")
                      .contains(
                          "kafscale_consumer_partition_lag{group=\"lagging\",partition=\"1\","
                              + "topic=\"grp-lag\"} 0.0"));
      assertThat(adminGet("/api/v1/groups"))
          .contains("\"groupId\":\"lagging\",\"state\":\"Stable\"")
          .contains("\"members\":1,\"lag\":0}");
      assertThat(adminGet("/api/v1/groups/lagging"))
          .contains("\"assignment\":[{\"topic\":\"grp-lag\",\"partitions\":[0,1]}]")
          .contains("\"lag\":0,\"offsets\":[")
          .doesNotContain("\"lag\":1");
    }
  }
}
