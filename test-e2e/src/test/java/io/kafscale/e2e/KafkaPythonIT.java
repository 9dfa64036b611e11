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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-python 2.0.2 (Debian's python3-kafka, old protocol versions: Metadata v0/v1, Fetch v4,
 * ListOffsets v1) produces and consumes without a consumer group; the Java client confirms.
 */
class KafkaPythonIT {
  private static final int MESSAGES = 2_000;
  private static final Path SCRIPT = Path.of("src/test/python/produce_consume.py").toAbsolutePath();

  @ParameterizedTest(name = "compression {0}")
  @ValueSource(strings = {"none", "gzip"})
  void shouldProduceAndConsumeWithKafkaPython(String compression) {
    // Given
    String bootstrap = Brokers.shared().bootstrapServers();
    String topic = "python-" + compression;
    Clients.createTopic(bootstrap, topic, 1);

    // When
    Exec.Result result =
        Exec.succeed(
            180,
            "/usr/bin/python3",
            SCRIPT.toString(),
            bootstrap,
            topic,
            Integer.toString(MESSAGES),
            compression);

    // Then
    List<String> acks = result.stdout().lines().filter(line -> line.startsWith("ACK ")).toList();
    assertThat(acks)
        .containsExactlyElementsOf(
            IntStream.range(0, MESSAGES).mapToObj(i -> "ACK " + i + " k" + i).toList());
    assertThat(result.stdout()).contains("OK " + MESSAGES);
    List<ConsumerRecord<byte[], byte[]>> records =
        Clients.readAll(bootstrap, new TopicPartition(topic, 0));
    assertThat(records)
        .extracting(r -> r.offset() + "/" + new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(
            IntStream.range(0, MESSAGES).mapToObj(i -> i + "/py-" + i).toList());
  }
}
