/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.SegmentRef;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DescribeLogDirs through the broker's API table (in-memory stores). */
class DescribeLogDirsHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void close() {
    ctx.close();
  }

  private DescribeLogDirsResult describe(DescribeLogDirsRequestData request) {
    DescribeLogDirsResponseData response = ctx.call(ApiKeys.DESCRIBE_LOG_DIRS, 4, request);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.results()).hasSize(1);
    return response.results().get(0);
  }

  @Test
  void shouldReportTheCommittedSegmentBytesOfEveryOwnedPartition() {
    // Given two committed segments in partition 0 of a two-partition topic
    ctx.createTopic("sized", 2, Map.of());
    PartitionLog log = ctx.node.topics().log("sized", 0).orElseThrow();
    for (int i = 0; i < 2; i++) {
      var appended = log.append(TestRecords.batch(1L, 2L));
      log.flush().join();
      appended.join();
    }
    long expected = log.segments().stream().mapToLong(SegmentRef::length).sum();

    // When all topics are asked for
    DescribeLogDirsResult dir = describe(new DescribeLogDirsRequestData().setTopics(null));

    // Then
    assertThat(dir.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(dir.totalBytes()).isEqualTo(-1);
    assertThat(dir.usableBytes()).isEqualTo(-1);
    var topic =
        dir.topics().stream().filter(t -> t.name().equals("sized")).findFirst().orElseThrow();
    assertThat(topic.partitions())
        .extracting(
            DescribeLogDirsPartition::partitionIndex, DescribeLogDirsPartition::partitionSize)
        .containsExactlyInAnyOrder(tuple(0, expected), tuple(1, 0L));
    assertThat(expected).isPositive();
    assertThat(topic.partitions()).allMatch(p -> p.offsetLag() == 0 && !p.isFutureKey());
  }

  @Test
  void shouldListOnlyTheRequestedKnownPartitions() {
    // Given
    ctx.createTopic("sized", 2, Map.of());
    DescribeLogDirsRequestData request = new DescribeLogDirsRequestData();
    request
        .topics()
        .add(new DescribableLogDirTopic().setTopic("sized").setPartitions(List.of(1, 1, 7)));
    request
        .topics()
        .add(new DescribableLogDirTopic().setTopic("unknown").setPartitions(List.of(0)));

    // When
    DescribeLogDirsResult dir = describe(request);

    // Then
    assertThat(dir.topics()).hasSize(1);
    assertThat(dir.topics().get(0).partitions())
        .extracting(DescribeLogDirsPartition::partitionIndex)
        .containsExactly(1);
  }
}
