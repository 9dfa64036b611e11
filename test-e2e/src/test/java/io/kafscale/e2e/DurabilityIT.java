/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.AckLedger;
import io.kafscale.e2e.support.Brokers;
import io.kafscale.e2e.support.Clients;
import io.kafscale.storage.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a broker killed with SIGKILL mid-stream, or an object store that
 * vanishes mid-stream, loses no acknowledged record and duplicates none.
 */
class DurabilityIT {
  private static final int RECORDS = 20_000;
  private static final int MAX_UNACKED = 2_000;
  private static final String TOPIC = "durable";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir Path tmp;

  @Test
  void shouldKeepEveryAcknowledgedRecordAtItsOffsetWhenTheBrokerIsKilledMidStream() {
    try (BrokerProcess broker = Brokers.localStore(tmp.resolve("data"))) {
      // Given
      Clients.createTopic(broker.bootstrapServers(), TOPIC, 1);
      AckLedger ledger = new AckLedger();

      // When: kill -9 once half the records are acknowledged, then stop sending
      try (KafkaProducer<byte[], byte[]> producer =
          acksAllProducer(broker, Duration.ofSeconds(5), Duration.ofSeconds(4))) {
        sendUntil(producer, ledger, () -> ledger.acked() >= RECORDS / 2);
        broker.kill9();
        producer.close(Duration.ZERO);
      }
      int ackedBeforeKill = ledger.acked();
      broker.start();

      // Then
      List<ConsumerRecord<byte[], byte[]>> log =
          Clients.readAll(broker.bootstrapServers(), PARTITION);
      assertThat(ackedBeforeKill).isGreaterThanOrEqualTo(RECORDS / 2);
      assertThat(log.size()).isGreaterThanOrEqualTo(ledger.acked());
      ledger.assertLogMatches(log);
    }
  }

  @Test
  void shouldRetryThroughAnObjectStoreOutageWithoutLosingOrDuplicatingRecords() {
    // A private S3Mock: this test stops it, which the shared one must never be.
    try (S3MockServer s3 = S3MockServer.create("kafscale-e2e").start();
        BrokerProcess broker = Brokers.s3Store(tmp.resolve("data"), s3)) {
      // Given
      Clients.createTopic(broker.bootstrapServers(), TOPIC, 1);
      AckLedger ledger = new AckLedger();
      int total = RECORDS / 2;

      try (KafkaProducer<byte[], byte[]> producer =
          acksAllProducer(broker, Duration.ofSeconds(180), Duration.ofSeconds(15))) {
        int sent = sendUntil(producer, ledger, () -> ledger.acked() >= total / 4);

        // When: the object store goes away while records keep coming
        s3.stop();
        int sentDuringOutage = sendMore(producer, ledger, sent, 500);
        await("producer retries while S3 is down")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    metric(producer, "record-retry-total") > 0
                        || metric(producer, "record-error-total") > 0);
        int ackedDuringOutage = ledger.acked();
        s3.start();
        sendMore(producer, ledger, sent + sentDuringOutage, total - sent - sentDuringOutage);
        producer.flush();

        // Then
        assertThat(ledger.failures())
            .allSatisfy(
                e ->
                    assertThat(e)
                        .isInstanceOfAny(RetriableException.class, TimeoutException.class));
        assertThat(ackedDuringOutage).isLessThan(sent + sentDuringOutage);
      }
      List<ConsumerRecord<byte[], byte[]>> log =
          Clients.readAll(broker.bootstrapServers(), PARTITION);
      assertThat(ledger.acked()).isGreaterThan(total / 4);
      ledger.assertLogMatches(log);
    }
  }

  private static KafkaProducer<byte[], byte[]> acksAllProducer(
      BrokerProcess broker, Duration deliveryTimeout, Duration requestTimeout) {
    return Clients.producer(
        broker.bootstrapServers(),
        Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) deliveryTimeout.toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) requestTimeout.toMillis()));
  }

  /** Sends numbered records, keeping at most MAX_UNACKED outstanding, until {@code stop} holds. */
  private static int sendUntil(
      KafkaProducer<byte[], byte[]> producer, AckLedger ledger, BooleanSupplier stop) {
    int i = 0;
    while (i < RECORDS && !stop.getAsBoolean()) {
      if (i - ledger.completed() >= MAX_UNACKED) {
        int sent = i;
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(2))
            .until(() -> sent - ledger.completed() < MAX_UNACKED / 2 || stop.getAsBoolean());
        continue;
      }
      send(producer, ledger, i++);
    }
    return i;
  }

  private static int sendMore(
      KafkaProducer<byte[], byte[]> producer, AckLedger ledger, int from, int count) {
    for (int i = from; i < from + count; i++) {
      send(producer, ledger, i);
    }
    return count;
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, AckLedger ledger, int i) {
    String value = "record-" + i;
    producer.send(
        new ProducerRecord<>(
            TOPIC,
            0,
            ("k" + i).getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8)),
        ledger.callbackFor(value));
  }

  private static double metric(KafkaProducer<byte[], byte[]> producer, String name) {
    return producer.metrics().entrySet().stream()
        .filter(
            e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
        .map(Map.Entry::getValue)
        .map(Metric::metricValue)
        .mapToDouble(v -> ((Number) v).doubleValue())
        .sum();
  }
}
