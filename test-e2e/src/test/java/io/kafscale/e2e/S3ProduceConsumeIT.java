/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Brokers;
import io.kafscale.e2e.support.Clients;
import io.kafscale.storage.testing.S3MockServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka-clients 4.x produce/consume run with the broker on the S3 store against a real S3Mock
 * server, read back before and after a broker restart (so the second read comes from S3).
 */
class S3ProduceConsumeIT {
  private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");
  private static final int RECORDS = 1_000;
  private static final long BASE_TIMESTAMP = 1_700_000_000_000L;

  @TempDir Path tmp;

  @Test
  void shouldServeExactRecordsFromS3BeforeAndAfterRestartForEveryCodec() throws Exception {
    S3MockServer s3 = S3MockServer.shared();
    try (BrokerProcess broker = Brokers.s3Store(tmp.resolve("data"), s3)) {
      // Given
      for (String codec : CODECS) {
        Clients.createTopic(broker.bootstrapServers(), "s3-" + codec, 1);
      }

      // When
      for (String codec : CODECS) {
        List<Long> acked = produce(broker.bootstrapServers(), codec);
        assertThat(acked).containsExactlyElementsOf(rangeOfOffsets());
      }

      // Then
      for (String codec : CODECS) {
        assertExactRecords(broker.bootstrapServers(), codec);
      }
      assertThat(bucketListing(s3)).contains(".kfs");

      broker.restart();
      for (String codec : CODECS) {
        assertExactRecords(broker.bootstrapServers(), codec);
      }
    }
  }

  private static List<Long> produce(String bootstrap, String codec) throws Exception {
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap, codec)) {
      for (int i = 0; i < RECORDS; i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("i", bytes(Integer.toString(i)));
        headers.add("codec", bytes(codec));
        futures.add(
            producer.send(
                new ProducerRecord<>(
                    "s3-" + codec,
                    0,
                    BASE_TIMESTAMP + i,
                    bytes("key-" + i),
                    bytes(value(codec, i)),
                    headers)));
      }
      producer.flush();
    }
    List<Long> offsets = new ArrayList<>();
    for (Future<RecordMetadata> future : futures) {
      offsets.add(future.get(60, TimeUnit.SECONDS).offset());
    }
    return offsets;
  }

  private static void assertExactRecords(String bootstrap, String codec) {
    List<ConsumerRecord<byte[], byte[]>> records =
        Clients.readAll(bootstrap, new TopicPartition("s3-" + codec, 0));
    assertThat(records).hasSize(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      assertThat(record.offset()).isEqualTo(i);
      assertThat(record.timestamp()).isEqualTo(BASE_TIMESTAMP + i);
      assertThat(string(record.key())).isEqualTo("key-" + i);
      assertThat(string(record.value())).isEqualTo(value(codec, i));
      assertThat(record.headers().toArray()).hasSize(2);
      assertThat(string(record.headers().lastHeader("i").value())).isEqualTo(Integer.toString(i));
      assertThat(string(record.headers().lastHeader("codec").value())).isEqualTo(codec);
    }
  }

  /** The ListObjectsV2 answer for the server's bucket (S3Mock needs no request signature). */
  private static String bucketListing(S3MockServer s3) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(s3.endpoint().resolve("/" + s3.bucket() + "?list-type=2")).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  private static List<Long> rangeOfOffsets() {
    return java.util.stream.LongStream.range(0, RECORDS).boxed().toList();
  }

  private static String value(String codec, int i) {
    // Repetitive enough for every codec to shrink it, distinct per record.
    return codec + "-value-" + i + "-" + "abcdefgh".repeat(16);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
