/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic creation is a compare-and-set in etcd: two brokers racing to create one topic yield one
 * success and one TOPIC_ALREADY_EXISTS, brokers creating different topics at once lose none, and
 * every broker's metadata lists each topic exactly once with its partition count and leaders.
 */
class ClusterTopicCreateIT {
  private static final int ROUNDS = 3;

  @TempDir Path tmp;
  private ClusterHarness cluster;

  @BeforeEach
  void startCluster() {
    cluster = ClusterHarness.start(tmp, 3);
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldLetExactlyOneOfTwoBrokersCreateTheSameTopic() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      // Given
      String topic = "same-" + round;
      BrokerProcess first = cluster.broker(round % 3);
      BrokerProcess second = cluster.broker((round + 1) % 3);

      // When
      List<RawAdmin.CreateResult> results =
          race(
              List.of(
                  () -> RawAdmin.createTopic(first, topic, 6),
                  () -> RawAdmin.createTopic(second, topic, 6)));

      // Then
      assertThat(results.stream().map(RawAdmin.CreateResult::error))
          .as("round %d: answers of two brokers creating %s at once: %s", round, topic, results)
          .containsExactlyInAnyOrder(Errors.NONE, Errors.TOPIC_ALREADY_EXISTS);
      awaitEveryBrokerListsOnce(Map.of(topic, 6));
    }
  }

  @Test
  void shouldKeepEveryTopicWhenBrokersCreateDifferentTopicsConcurrently() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      // Given
      Map<String, Integer> topics = Map.of("a-" + round, 3, "b-" + round, 5, "c-" + round, 7);
      List<String> names = topics.keySet().stream().sorted().toList();

      // When: broker i creates the i-th topic, all at once
      List<RawAdmin.CreateResult> results =
          race(
              java.util.stream.IntStream.range(0, names.size())
                  .<java.util.function.Supplier<RawAdmin.CreateResult>>mapToObj(
                      i ->
                          () ->
                              RawAdmin.createTopic(
                                  cluster.broker(i), names.get(i), topics.get(names.get(i))))
                  .toList());

      // Then
      assertThat(results)
          .as("round %d: answers creating %s on brokers 0, 1, 2", round, names)
          .allSatisfy(r -> assertThat(r.error()).isEqualTo(Errors.NONE));
      awaitEveryBrokerListsOnce(topics);
    }
  }

  /** Runs the calls on separate threads released together; returns their results in order. */
  private static <T> List<T> race(List<java.util.function.Supplier<T>> calls) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<T>> futures =
        calls.stream()
            .map(
                call ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            go.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                          }
                          return call.get();
                        },
                        runnable -> new Thread(runnable, "create-race").start()))
            .toList();
    go.countDown();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return futures.stream().map(CompletableFuture::join).toList();
  }

  /** Every broker's Metadata lists each topic once, with its partition count, all led. */
  private void awaitEveryBrokerListsOnce(Map<String, Integer> expected) {
    for (BrokerProcess broker : cluster.brokers()) {
      await("broker " + cluster.indexOf(broker) + " lists " + expected + " once each")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                MetadataResponseData metadata = RawAdmin.metadata(broker);
                expected.forEach(
                    (topic, partitions) -> {
                      List<MetadataResponseData.MetadataResponseTopic> listed =
                          metadata.topics().stream().filter(t -> topic.equals(t.name())).toList();
                      assertThat(listed).as("entries for %s", topic).hasSize(1);
                      MetadataResponseData.MetadataResponseTopic entry = listed.get(0);
                      assertThat(Errors.forCode(entry.errorCode()))
                          .as("error of %s", topic)
                          .isEqualTo(Errors.NONE);
                      assertThat(entry.partitions())
                          .as("partitions of %s", topic)
                          .hasSize(partitions);
                      assertThat(entry.partitions())
                          .as("leaders of %s", topic)
                          .allSatisfy(p -> assertThat(p.leaderId()).isNotNegative());
                    });
              });
    }
  }
}
