/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three brokers serve one 12-partition topic together: every broker works as bootstrap. */
class ClusterProduceConsumeIT {
  private static final String TOPIC = "spread";
  private static final int PARTITIONS = 12;
  private static final int RECORDS_PER_PARTITION = 20;

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
  void shouldSpreadLeadersEvenlyAndServeProduceAndFetchThroughEveryBroker() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();

    // When: each broker alone is the bootstrap of one producer writing to every partition
    for (BrokerProcess broker : cluster.brokers()) {
      produceThrough(broker, "via" + cluster.indexOf(broker), ledger);
    }

    // Then: each broker alone as bootstrap reads back the same complete log
    ledger.assertNoFailures();
    assertThat(ledger.acked()).isEqualTo(3 * PARTITIONS * RECORDS_PER_PARTITION);
    for (BrokerProcess broker : cluster.brokers()) {
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> log =
          PartitionReader.readAll(broker.bootstrapServers(), TOPIC, PARTITIONS);
      assertThat(log.values().stream().mapToInt(List::size).sum())
          .as("records read through broker %d", cluster.indexOf(broker))
          .isEqualTo(ledger.acked());
      ledger.assertExactlyOnce(log);
    }
  }

  /** Sends and flushes; outcomes land in the ledger. */
  private static void produceThrough(BrokerProcess broker, String prefix, PartitionLedger ledger) {
    try (KafkaProducer<byte[], byte[]> producer =
        LoadGenerator.producer(broker.bootstrapServers(), Map.of())) {
      for (int i = 0; i < PARTITIONS * RECORDS_PER_PARTITION; i++) {
        int partition = i % PARTITIONS;
        String value = prefix + "-" + i;
        producer.send(
            new ProducerRecord<>(TOPIC, partition, null, value.getBytes(StandardCharsets.UTF_8)),
            ledger.sending(value, partition));
      }
      producer.flush();
    }
  }
}
