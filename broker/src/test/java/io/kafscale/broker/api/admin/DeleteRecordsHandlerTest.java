/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.partition.LogTrimmer;
import io.kafscale.storage.log.PartitionLog;
import java.util.Map;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DeleteRecords through the retention trim path, called directly on the handler. */
class DeleteRecordsHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();
  private final DeleteRecordsHandler handler =
      new DeleteRecordsHandler(
          ctx.node.topics(), new LogTrimmer(ctx.node.topics().objects(), ctx.meters));

  @AfterEach
  void close() {
    ctx.close();
  }

  private DeleteRecordsPartitionResult call(String topic, int partition, long offset) {
    DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(1000);
    DeleteRecordsTopic t = new DeleteRecordsTopic().setName(topic);
    t.partitions().add(new DeleteRecordsPartition().setPartitionIndex(partition).setOffset(offset));
    request.topics().add(t);
    return handler
        .handle(null, null, request)
        .toCompletableFuture()
        .join()
        .topics()
        .iterator()
        .next()
        .partitions()
        .iterator()
        .next();
  }

  @Test
  void shouldMoveTheLowWatermarkAndRejectOffsetsOutsideTheLog() {
    // Given two committed segments of two records each
    ctx.createTopic("dr", 1, Map.of());
    PartitionLog log = ctx.node.topics().log("dr", 0).orElseThrow();
    for (int i = 0; i < 2; i++) {
      var appended = log.append(TestRecords.batch(1L, 2L));
      log.flush().join();
      appended.join();
    }
    // When / Then
    assertThat(call("dr", 0, 3).lowWatermark()).isEqualTo(3);
    assertThat(log.logStartOffset()).isEqualTo(3);
    assertThat(call("dr", 0, 5).errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
    assertThat(call("dr", 0, -1).lowWatermark()).isEqualTo(4);
    assertThat(call("dr", 1, 0).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(call("nope", 0, 0).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }
}
