/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.cluster.ClusterHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Produced;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance: an unmodified Kafka Streams word count with {@code exactly_once_v2} (input,
 * repartition topic, changelog-backed count, output) on three broker processes produces exact
 * counts, also after a broker that coordinates one of its transactional ids is killed with kill -9:
 * read_committed, the latest count per word equals the words produced, and each word's counts only
 * grow (an aborted or replayed transaction never shows).
 */
class KafkaStreamsEosIT {
  private static final String INPUT = "wc-sentences";
  private static final String OUTPUT = "wc-counts";
  private static final int PARTITIONS = 6;
  private static final List<String> WORDS =
      List.of(
          "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
          "juliet", "kilo", "lima");
  private static final int BATCH = 2_000;
  private static final Duration PHASE = Duration.ofSeconds(120);

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private KafkaStreams streams;
  private KafkaConsumer<String, Long> outputReader;
  private final AtomicInteger replacedThreads = new AtomicInteger();
  private final Map<String, Long> latest = new TreeMap<>();
  private final List<String> regressions = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    cluster =
        ClusterHarness.start(tmp, 3, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
  }

  @AfterEach
  void stopEverything() {
    if (streams != null) {
      streams.close(Duration.ofSeconds(10));
    }
    if (outputReader != null) {
      outputReader.close(Duration.ZERO);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldCountWordsExactlyOnceWhenABrokerIsKilledMidStream() {
    // Given: the topics and a running exactly_once_v2 word count
    cluster.createTopic(INPUT, PARTITIONS);
    cluster.createTopic(OUTPUT, PARTITIONS);
    cluster.awaitLeadersAmong(INPUT, cluster.brokers(), Duration.ofSeconds(20));
    cluster.awaitLeadersAmong(OUTPUT, cluster.brokers(), Duration.ofSeconds(20));
    String applicationId = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    streams = startStreams(applicationId);
    outputReader = outputReader();

    // When: a first known batch of sentences
    Map<String, Long> expected = produceSentences(0, BATCH);

    // Then: exact counts
    awaitCounts(expected, "first batch");
    await("streams RUNNING")
        .atMost(PHASE)
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);

    // When: half of a second batch arrives, and while the app processes it the broker coordinating
    // one of its transactional ids is killed with kill -9; a replacement joins, the rest arrives
    BrokerProcess victim = coordinatorOfAnyTransaction(applicationId);
    Map<String, Long> totals = new TreeMap<>(expected);
    produceSentences(BATCH, BATCH / 2).forEach((w, n) -> totals.merge(w, n, Long::sum));
    System.out.println("killing broker " + cluster.indexOf(victim) + "\n" + cluster.describe());
    cluster.kill9(victim);
    cluster.addBroker();
    produceSentences(BATCH + BATCH / 2, BATCH / 2).forEach((w, n) -> totals.merge(w, n, Long::sum));

    // Then: exact totals (no double counting, nothing lost), the app is running
    awaitCounts(totals, "second batch after the broker kill");
    await("streams RUNNING at the end")
        .atMost(PHASE)
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    System.out.println("stream threads replaced: " + replacedThreads.get());
    assertThat(regressions)
        .as("counts that went down (a replayed/aborted result showed)")
        .isEmpty();
  }

  private KafkaStreams startStreams(String applicationId) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
        .flatMapValues(sentence -> Arrays.asList(sentence.split(" ")))
        .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
        .count()
        .toStream()
        .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("streams-state").toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), 10_000);
    KafkaStreams app = new KafkaStreams(builder.build(), props);
    app.setUncaughtExceptionHandler(
        e -> {
          System.out.println("stream thread died, replacing it: " + e);
          replacedThreads.incrementAndGet();
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    app.start();
    return app;
  }

  /** Sends sentences {@code from .. from+count-1} and returns how many times each word occurs. */
  private Map<String, Long> produceSentences(int from, int count) {
    Map<String, Long> counts = new TreeMap<>();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.liveBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < from + count; i++) {
        String sentence = sentence(i);
        for (String w : sentence.split(" ")) {
          counts.merge(w, 1L, Long::sum);
        }
        producer.send(new ProducerRecord<>(INPUT, "s-" + i, sentence));
      }
      producer.flush();
    }
    return counts;
  }

  /** A fixed, uneven word distribution: 1 to 4 words per sentence. */
  private static String sentence(int i) {
    int length = 1 + i % 4;
    List<String> words = new ArrayList<>();
    for (int j = 0; j < length; j++) {
      words.add(WORDS.get((i * 7 + j * j * 5 + i / 13) % WORDS.size()));
    }
    return String.join(" ", words);
  }

  private KafkaConsumer<String, Long> outputReader() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    KafkaConsumer<String, Long> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new LongDeserializer());
    List<TopicPartition> tps =
        IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(OUTPUT, p)).toList();
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    return consumer;
  }

  /** Polls the output (read_committed) until the latest count per word equals {@code expected}. */
  private void awaitCounts(Map<String, Long> expected, String phase) {
    await(phase + ": latest counts " + expected)
        .atMost(PHASE)
        .pollInterval(Duration.ZERO)
        .untilAsserted(
            () -> {
              for (ConsumerRecord<String, Long> r : outputReader.poll(Duration.ofMillis(300))) {
                Long before = latest.put(r.key(), r.value());
                if (before != null && r.value() <= before) {
                  regressions.add(r.key() + ": " + before + " -> " + r.value() + " at " + r);
                }
              }
              assertThat(regressions).as("counts that did not grow").isEmpty();
              assertThat(latest).as("latest committed count per word").isEqualTo(expected);
            });
  }

  /**
   * The live broker coordinating one of the application's transactional ids (Streams names them
   * after the application id); broker 0 if the listing does not name one in time.
   */
  private BrokerProcess coordinatorOfAnyTransaction(String applicationId) {
    List<BrokerProcess> found = new ArrayList<>();
    try {
      await("a transaction coordinator of " + applicationId)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
                  String tid =
                      admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                          .map(TransactionListing::transactionalId)
                          .filter(id -> id.startsWith(applicationId))
                          .findFirst()
                          .orElseThrow();
                  TransactionDescription d =
                      admin
                          .describeTransactions(List.of(tid))
                          .description(tid)
                          .get(10, TimeUnit.SECONDS);
                  Node node =
                      admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                          .filter(n -> n.id() == d.coordinatorId())
                          .findFirst()
                          .orElseThrow();
                  int index = cluster.indexOf(node);
                  assertThat(index).isNotNegative();
                  System.out.println("transaction " + tid + " coordinated by broker " + index);
                  found.add(cluster.broker(index));
                }
              });
      return found.getLast();
    } catch (ConditionTimeoutException e) {
      System.out.println("no transaction listed for " + applicationId + ", killing broker 0");
      return cluster.broker(0);
    }
  }
}
