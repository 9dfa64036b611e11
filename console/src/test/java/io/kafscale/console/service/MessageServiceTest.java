/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.console.http.ApiException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class MessageServiceTest {

  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, long ts, byte[] value) {
    return new ConsumerRecord<>(
        "t",
        partition,
        offset,
        ts,
        TimestampType.CREATE_TIME,
        0,
        value == null ? 0 : value.length,
        null,
        value,
        new RecordHeaders(),
        Optional.empty());
  }

  @Test
  void shouldKeepOnlyTheNewestRecordsAcrossPartitions() {
    // Given
    NewestRecords newest = new NewestRecords(3);

    // When 1,000 records from two partitions arrive
    for (int i = 0; i < 500; i++) {
      newest.add(record(0, i, 1000 + i, null));
      newest.add(record(1, i, 1000 + i, null));
    }

    // Then
    assertThat(newest.size()).isEqualTo(3);
    assertThat(newest.newestFirst())
        .extracting(r -> r.partition() + "@" + r.offset())
        .containsExactly("1@499", "0@499", "1@498");
  }

  @Test
  void shouldCutVeryLargeValuesAndSayTheyWereTruncated() {
    // Given
    byte[] big = new byte[MessageService.MAX_DISPLAY_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'a');

    // When
    MessageService.MessageView cut = MessageService.view(record(0, 1, 1, big), MessageFormat.TEXT);
    MessageService.MessageView small =
        MessageService.view(record(0, 2, 1, "hi".getBytes()), MessageFormat.TEXT);

    // Then
    assertThat(cut.value()).hasSize(MessageService.MAX_DISPLAY_BYTES);
    assertThat(cut.truncated()).isTrue();
    assertThat(small.value()).isEqualTo("hi");
    assertThat(small.truncated()).isFalse();
  }

  @Test
  void shouldAnswerBusyWhenTooManyBrowsesRunAtOnce() {
    // Given a limit of one concurrent browse
    MessageService service = new MessageService(null, null, 1);

    // When a second browse starts while one runs, Then it is refused with 503 BUSY
    assertThatThrownBy(() -> service.limited(() -> service.limited(() -> "inner")))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              assertThat(((ApiException) e).status()).isEqualTo(503);
              assertThat(((ApiException) e).code()).isEqualTo("BUSY");
            });
    assertThat(service.limited(() -> "later")).isEqualTo("later");
  }
}
