/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Brokers;
import io.kafscale.e2e.support.Clients;
import io.kafscale.e2e.support.Exec;
import io.kafscale.e2e.support.SegmentFiles;
import io.kafscale.e2e.support.SegmentFiles.StoredBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * librdkafka (kcat 1.7 / librdkafka 2.0.2) against the broker jar: 10,000 messages produced and
 * consumed back per codec, and the stored batches carry the codec kcat was asked for.
 */
class KcatIT {
  private static final int MESSAGES = 10_000;

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gzip,1", "snappy,2", "lz4,3", "zstd,4"})
  void shouldRoundTripTenThousandMessagesAndStoreBatchesWithTheRequestedCodec(
      String codec, int codecId) throws IOException {
    // Given
    BrokerProcess broker = Brokers.shared();
    String topic = "kcat-" + codec;
    Clients.createTopic(broker.bootstrapServers(), topic, 1);
    Path input = tmp.resolve(topic + ".txt");
    List<String> lines =
        IntStream.range(0, MESSAGES).mapToObj(i -> "k" + i + ":value-" + i + "-" + codec).toList();
    Files.write(input, lines);

    // When
    kcat(broker, topic, "-P", "-z", codec, "-K", ":", "-X", "linger.ms=20", "-l", input.toString());
    Exec.Result consumed =
        kcat(
            broker,
            topic,
            "-C",
            "-o",
            "beginning",
            "-e",
            "-c",
            Integer.toString(MESSAGES),
            "-f",
            "%o %k %s\\n");

    // Then
    List<String> expected =
        IntStream.range(0, MESSAGES)
            .mapToObj(i -> i + " k" + i + " value-" + i + "-" + codec)
            .toList();
    assertThat(consumed.stdout().lines().toList()).containsExactlyElementsOf(expected);
    List<StoredBatch> stored = SegmentFiles.batches(broker.dataDir(), "/" + topic + "/");
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

  /** Runs kcat on partition 0 of {@code topic} with the given mode and options. */
  private static Exec.Result kcat(BrokerProcess broker, String topic, String... args) {
    String[] common = {"kcat", "-b", broker.bootstrapServers(), "-t", topic, "-p", "0"};
    return Exec.succeed(
        120, Stream.concat(Stream.of(common), Stream.of(args)).toArray(String[]::new));
  }
}
