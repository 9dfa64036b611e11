/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.e2e.support.Brokers;
import io.kafscale.e2e.support.Clients;
import io.kafscale.e2e.support.Exec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * kafkajs 2.2.4 (installed by scripts/install-test-deps.sh) creates a topic and produces with
 * acks=-1, plain and gzip batches. kafkajs consumers only work through a consumer group, which this
 * broker does not serve yet, so the messages are read back with the Java client.
 */
class KafkaJsIT {
  private static final int MESSAGES = 2_000;
  private static final int BATCH = 100;
  private static final Path SCRIPT = Path.of("src/test/js/produce.js").toAbsolutePath();

  @Test
  void shouldAcceptKafkaJsProduceAndServeTheMessagesBack() {
    // Given
    String bootstrap = Brokers.shared().bootstrapServers();
    String topic = "kafkajs";

    // When
    Exec.Result result =
        Exec.succeed(
            180,
            "node",
            SCRIPT.toString(),
            bootstrap,
            topic,
            Integer.toString(MESSAGES),
            Integer.toString(BATCH));

    // Then
    assertThat(result.stdout().lines().filter(l -> l.startsWith("ACK ")).toList())
        .containsExactlyElementsOf(
            IntStream.range(0, MESSAGES / BATCH)
                .mapToObj(b -> "ACK " + (b * BATCH) + " " + BATCH)
                .toList());
    assertThat(result.stdout()).contains("OFFSETS 0 " + MESSAGES);
    List<ConsumerRecord<byte[], byte[]>> records =
        Clients.readAll(bootstrap, new TopicPartition(topic, 0));
    assertThat(records).hasSize(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      assertThat(record.offset()).isEqualTo(i);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("k" + i);
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("js-" + i);
      assertThat(new String(record.headers().lastHeader("idx").value(), StandardCharsets.UTF_8))
          .isEqualTo(Integer.toString(i));
    }
  }
}
