/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.e2e.support.Clients;
import io.kafscale.e2e.support.Exec;
import io.kafscale.e2e.support.KafscaleBroker;
import io.kafscale.e2e.support.SegmentFiles;
import io.kafscale.e2e.support.SegmentFiles.StoredBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * librdkafka (kcat 1.7 / librdkafka 2.0.2) against the broker jar: 10,000 messages produced and
 * consumed back per codec, and the stored batches carry the codec kcat was asked for.
 */
class KcatIT {
  private static final int MESSAGES = 10_000;

  @TempDir static Path tmp;
  private static KafscaleBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafscaleBroker.localStore(tmp.resolve("data")).start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gzip,1", "snappy,2", "lz4,3", "zstd,4"})
  void shouldRoundTripTenThousandMessagesAndStoreBatchesWithTheRequestedCodec(
      String codec, int codecId) throws IOException {
    // Given
    String topic = "kcat-" + codec;
    Clients.createTopic(broker.bootstrap(), topic, 1);
    Path input = tmp.resolve(topic + ".txt");
    List<String> lines =
        IntStream.range(0, MESSAGES).mapToObj(i -> "k" + i + ":value-" + i + "-" + codec).toList();
    Files.write(input, lines);
    Set<Path> segmentsBefore = new HashSet<>(SegmentFiles.segments(broker.dataDir(), ""));

    // When
    Exec.run(
            List.of(
                "kcat",
                "-P",
                "-b",
                broker.bootstrap(),
                "-t",
                topic,
                "-p",
                "0",
                "-z",
                codec,
                "-K",
                ":",
                "-X",
                "linger.ms=20",
                "-l",
                input.toString()),
            Map.of(),
            null,
            120)
        .assertSuccess();
    Exec.Result consumed =
        Exec.run(
                List.of(
                    "kcat",
                    "-C",
                    "-b",
                    broker.bootstrap(),
                    "-t",
                    topic,
                    "-p",
                    "0",
                    "-o",
                    "beginning",
                    "-e",
                    "-c",
                    Integer.toString(MESSAGES),
                    "-f",
                    "%o %k %s\\n"),
                Map.of(),
                null,
                120)
            .assertSuccess();

    // Then
    List<String> expected =
        IntStream.range(0, MESSAGES)
            .mapToObj(i -> i + " k" + i + " value-" + i + "-" + codec)
            .toList();
    assertThat(consumed.stdout().lines().toList()).containsExactlyElementsOf(expected);
    List<StoredBatch> stored =
        SegmentFiles.segments(broker.dataDir(), "").stream()
            .filter(segment -> !segmentsBefore.contains(segment))
            .flatMap(
                segment ->
                    SegmentFiles.batches(segment.getParent(), segment.getFileName().toString())
                        .stream())
            .toList();
    assertThat(stored).as("batches stored for %s", topic).isNotEmpty();
    // librdkafka sends a batch uncompressed when compressing would not shrink it (a lone small
    // record); every other batch must arrive with the codec asked for.
    assertThat(stored)
        .allSatisfy(
            batch ->
                assertThat(
                        batch.codec() == codecId
                            || (batch.codec() == 0 && batch.recordCount() <= 2))
                    .as("codec %d of %s (expected %d)", batch.codec(), batch, codecId)
                    .isTrue());
    int compressedRecords =
        stored.stream().filter(b -> b.codec() == codecId).mapToInt(StoredBatch::recordCount).sum();
    assertThat(compressedRecords)
        .as("records in %s batches", codec)
        .isGreaterThanOrEqualTo(MESSAGES * 9 / 10);
    assertThat(stored.stream().mapToInt(StoredBatch::recordCount).sum()).isEqualTo(MESSAGES);
  }
}
