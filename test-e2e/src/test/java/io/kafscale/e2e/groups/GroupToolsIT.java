/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import static io.kafscale.e2e.groups.GroupConsumers.committed;
import static io.kafscale.e2e.groups.GroupConsumers.member;
import static io.kafscale.e2e.groups.GroupConsumers.pollRecords;
import static io.kafscale.e2e.groups.GroupConsumers.produce;
import static io.kafscale.e2e.groups.GroupConsumers.record;
import static io.kafscale.e2e.groups.GroupConsumers.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Clients;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code kafka-consumer-groups} (kafka-tools 4.x, run in-process) against a broker jar
 * process: list, describe offsets / members / state, reset offsets (to earliest, to a datetime; dry
 * run and execute), delete offsets of a topic, delete a group. Group state is made by kafka-clients
 * consumers.
 */
class GroupToolsIT {
  private static final DateTimeFormatter TOOL_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  @TempDir Path dataDir;
  private BrokerProcess broker;
  private String bootstrap;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    broker =
        BrokerProcess.create(dataDir, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "200"))
            .start();
    bootstrap = broker.bootstrapServers();
  }

  @AfterEach
  void stopEverything() {
    for (AutoCloseable closeable : closeables.reversed()) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Keep stopping the rest; the broker is killed below whatever happened here.
      }
    }
    broker.close();
  }

  @Test
  void shouldListAndDescribeOffsetsMembersAndStateOfAStableGroup() {
    // Given a Stable one-member group that committed 15 of 20 on p0 and 10 of 10 on p1
    String topic = "tools-describe";
    String group = "g-describe";
    Clients.createTopic(bootstrap, topic, 2);
    produce(bootstrap, valuesOn(topic, 0, 20, "p0-"));
    produce(bootstrap, valuesOn(topic, 1, 10, "p1-"));
    KafkaConsumer<byte[], byte[]> consumer =
        track(member(bootstrap, group, "describe-client", "earliest"));
    consumer.subscribe(List.of(topic));
    pollRecords(consumer, 30);
    consumer.commitSync(
        Map.of(tp(topic, 0), new OffsetAndMetadata(15), tp(topic, 1), new OffsetAndMetadata(10)));

    // When
    var list = ConsumerGroupsTool.run(bootstrap, "--list");
    var listWithState = ConsumerGroupsTool.run(bootstrap, "--list", "--state");
    var offsets = ConsumerGroupsTool.run(bootstrap, "--describe", "--group", group);
    var members =
        ConsumerGroupsTool.run(bootstrap, "--describe", "--group", group, "--members", "--verbose");
    var state = ConsumerGroupsTool.run(bootstrap, "--describe", "--group", group, "--state");

    // Then
    assertThat(list.lines()).as("%s", list).contains(group);
    assertThat(listWithState.table("GROUP", "STATE").row("GROUP", group))
        .containsEntry("STATE", "Stable");
    ToolTable offsetTable =
        offsets.table(
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID");
    assertThat(offsetTable.rows()).hasSize(2);
    assertThat(offsetTable.row("PARTITION", "0"))
        .containsEntry("TOPIC", topic)
        .containsEntry("CURRENT-OFFSET", "15")
        .containsEntry("LOG-END-OFFSET", "20")
        .containsEntry("LAG", "5")
        .containsEntry("CLIENT-ID", "describe-client");
    assertThat(offsetTable.row("PARTITION", "1"))
        .containsEntry("CURRENT-OFFSET", "10")
        .containsEntry("LOG-END-OFFSET", "10")
        .containsEntry("LAG", "0");
    assertThat(offsetTable.column("CONSUMER-ID"))
        .allSatisfy(id -> assertThat(id).startsWith("describe-client-"));
    assertThat(offsetTable.column("HOST")).allSatisfy(h -> assertThat(h).contains("127.0.0.1"));
    Map<String, String> member =
        members
            .table(
                "GROUP",
                "CONSUMER-ID",
                "HOST",
                "CLIENT-ID",
                "#PARTITIONS",
                "CURRENT-EPOCH",
                "CURRENT-ASSIGNMENT",
                "TARGET-EPOCH",
                "TARGET-ASSIGNMENT")
            .row("CLIENT-ID", "describe-client");
    assertThat(member)
        .containsEntry("GROUP", group)
        .containsEntry("#PARTITIONS", "2")
        .containsEntry("CURRENT-ASSIGNMENT", topic + ":0,1");
    assertThat(member.get("CONSUMER-ID")).isEqualTo(offsetTable.column("CONSUMER-ID").getFirst());
    Map<String, String> stateRow =
        state
            .table("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS")
            .row("GROUP", group);
    assertThat(stateRow)
        .containsEntry("STATE", "Stable")
        .containsEntry("#MEMBERS", "1")
        .containsEntry("ASSIGNMENT-STRATEGY", "range");
    assertThat(stateRow.get("COORDINATOR (ID)")).startsWith(bootstrap);
  }

  @Test
  void shouldResetOffsetsToEarliestOnlyOnExecuteAndOnlyForAnInactiveGroup() {
    // Given a group that consumed and committed all 12 records of two partitions
    String topic = "tools-earliest";
    String group = "g-earliest";
    Clients.createTopic(bootstrap, topic, 2);
    produce(
        bootstrap,
        Stream.concat(valuesOn(topic, 0, 6, "a-").stream(), valuesOn(topic, 1, 6, "b-").stream())
            .toList());
    KafkaConsumer<byte[], byte[]> consumer = track(member(bootstrap, group, "c1", "earliest"));
    consumer.subscribe(List.of(topic));
    pollRecords(consumer, 12);
    consumer.commitSync();
    String[] reset = {"--reset-offsets", "--group", group, "--topic", topic, "--to-earliest"};

    // When the group is still active, --execute is refused
    var refused = ConsumerGroupsTool.run(bootstrap, with(reset, "--execute"));

    // Then
    assertThat(refused.text())
        .contains("can only be reset if the group '" + group + "' is inactive");
    assertThat(committed(bootstrap, group))
        .containsOnly(Map.entry(tp(topic, 0), 6L), Map.entry(tp(topic, 1), 6L));

    // When the group is empty, describe shows no member and a dry run changes nothing
    consumer.close();
    var described = ConsumerGroupsTool.run(bootstrap, "--describe", "--group", group);
    var dryRun = ConsumerGroupsTool.run(bootstrap, with(reset, "--dry-run"));

    // Then
    assertThat(described.text()).contains("Consumer group '" + group + "' has no active members.");
    ToolTable planned = dryRun.table("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
    assertThat(planned.rows()).hasSize(2);
    assertThat(planned.column("NEW-OFFSET")).containsOnly("0");
    assertThat(committed(bootstrap, group))
        .containsOnly(Map.entry(tp(topic, 0), 6L), Map.entry(tp(topic, 1), 6L));

    // When executed
    var executed = ConsumerGroupsTool.run(bootstrap, with(reset, "--execute"));

    // Then the offsets are committed and a new member ("latest" would skip everything) re-reads
    assertThat(executed.table("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET").column("NEW-OFFSET"))
        .containsOnly("0");
    assertThat(committed(bootstrap, group))
        .containsOnly(Map.entry(tp(topic, 0), 0L), Map.entry(tp(topic, 1), 0L));
    KafkaConsumer<byte[], byte[]> again = track(member(bootstrap, group, "c2", "latest"));
    again.subscribe(List.of(topic));
    assertThat(values(pollRecords(again, 12)))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    IntStream.range(0, 6).mapToObj(i -> "a-" + i),
                    IntStream.range(0, 6).mapToObj(i -> "b-" + i))
                .toList());
  }

  @Test
  void shouldResetOffsetsToTheFirstRecordAtOrAfterADatetime() {
    // Given 10 records three hours old, then 10 two hours old, all consumed and committed
    String topic = "tools-datetime";
    String group = "g-datetime";
    Clients.createTopic(bootstrap, topic, 1);
    Instant early = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant late = early.plus(1, ChronoUnit.HOURS);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    IntStream.range(0, 10)
        .forEach(i -> records.add(record(topic, 0, early.toEpochMilli() + i, "early-" + i)));
    IntStream.range(0, 10)
        .forEach(i -> records.add(record(topic, 0, late.toEpochMilli() + i, "late-" + i)));
    produce(bootstrap, records);
    try (KafkaConsumer<byte[], byte[]> first = member(bootstrap, group, "c1", "earliest")) {
      first.subscribe(List.of(topic));
      pollRecords(first, 20);
      first.commitSync();
    }
    String datetime = TOOL_DATETIME.format(early.plus(30, ChronoUnit.MINUTES));
    String[] reset = {
      "--reset-offsets", "--group", group, "--topic", topic, "--to-datetime", datetime
    };

    // When
    var dryRun = ConsumerGroupsTool.run(bootstrap, with(reset, "--dry-run"));

    // Then
    assertThat(dryRun.table("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET").row("PARTITION", "0"))
        .containsEntry("NEW-OFFSET", "10");
    assertThat(committed(bootstrap, group)).containsOnly(Map.entry(tp(topic, 0), 20L));

    // When
    var executed = ConsumerGroupsTool.run(bootstrap, with(reset, "--execute"));

    // Then
    assertThat(executed.table("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET").row("PARTITION", "0"))
        .containsEntry("NEW-OFFSET", "10");
    assertThat(committed(bootstrap, group)).containsOnly(Map.entry(tp(topic, 0), 10L));
    KafkaConsumer<byte[], byte[]> again = track(member(bootstrap, group, "c2", "earliest"));
    again.subscribe(List.of(topic));
    assertThat(values(pollRecords(again, 10)))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "late-" + i).toList());
  }

  @Test
  void shouldDeleteTheOffsetsOfOneTopicOnceNoMemberIsSubscribedToIt() {
    // Given a group with committed offsets on two topics
    String kept = "tools-kept";
    String dropped = "tools-dropped";
    String group = "g-delete-offsets";
    Clients.createTopic(bootstrap, kept, 1);
    Clients.createTopic(bootstrap, dropped, 2);
    produce(bootstrap, valuesOn(kept, 0, 3, "k-"));
    produce(
        bootstrap,
        Stream.concat(
                valuesOn(dropped, 0, 4, "d-").stream(), valuesOn(dropped, 1, 5, "e-").stream())
            .toList());
    KafkaConsumer<byte[], byte[]> consumer = track(member(bootstrap, group, "c1", "earliest"));
    consumer.subscribe(List.of(kept, dropped));
    pollRecords(consumer, 12);
    consumer.commitSync();
    assertThat(committed(bootstrap, group)).hasSize(3);

    // When a member is still subscribed to the topic
    var refused =
        ConsumerGroupsTool.run(bootstrap, "--delete-offsets", "--group", group, "--topic", dropped);

    // Then GROUP_SUBSCRIBED_TO_TOPIC: nothing deleted
    assertThat(refused.text())
        .contains("Error")
        .contains(GroupSubscribedToTopicException.class.getSimpleName());
    assertThat(committed(bootstrap, group)).hasSize(3);

    // When the group is empty
    consumer.close();
    var deleted =
        ConsumerGroupsTool.run(bootstrap, "--delete-offsets", "--group", group, "--topic", dropped);

    // Then
    ToolTable status = deleted.table("TOPIC", "PARTITION", "STATUS");
    assertThat(status.rows()).hasSize(2);
    assertThat(status.column("TOPIC")).containsOnly(dropped);
    assertThat(status.column("STATUS")).containsOnly("Successful");
    assertThat(committed(bootstrap, group)).containsOnly(Map.entry(tp(kept, 0), 3L));
  }

  @Test
  void shouldRefuseToDeleteANonEmptyGroupAndDeleteItOnceEmpty() throws Exception {
    // Given a group with one active member and a committed offset
    String topic = "tools-delete";
    String group = "g-delete";
    Clients.createTopic(bootstrap, topic, 1);
    produce(bootstrap, valuesOn(topic, 0, 5, "v-"));
    KafkaConsumer<byte[], byte[]> consumer = track(member(bootstrap, group, "c1", "earliest"));
    consumer.subscribe(List.of(topic));
    pollRecords(consumer, 5);
    consumer.commitSync();

    // When
    var refused = ConsumerGroupsTool.run(bootstrap, "--delete", "--group", group);

    // Then the tool reports NON_EMPTY_GROUP (GroupNotEmptyException, "The group is not empty.")
    assertThat(refused.text())
        .contains("could not be deleted")
        .contains(GroupNotEmptyException.class.getSimpleName())
        .contains("The group is not empty");
    try (Admin admin = Clients.admin(bootstrap)) {
      assertThatThrownBy(
              () -> admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(GroupNotEmptyException.class);
    }
    assertThat(ConsumerGroupsTool.run(bootstrap, "--list").lines()).contains(group);

    // When the member leaves
    consumer.close();
    var deleted = ConsumerGroupsTool.run(bootstrap, "--delete", "--group", group);

    // Then
    assertThat(deleted.text())
        .contains("Deletion of requested consumer groups ('" + group + "') was successful.");
    assertThat(ConsumerGroupsTool.run(bootstrap, "--list").lines()).doesNotContain(group);
    assertThat(committed(bootstrap, group)).isEmpty();
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private static List<ProducerRecord<byte[], byte[]>> valuesOn(
      String topic, int partition, int count, String prefix) {
    long now = System.currentTimeMillis();
    return IntStream.range(0, count)
        .mapToObj(i -> record(topic, partition, now, prefix + i))
        .toList();
  }

  private static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }

  private static String[] with(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
