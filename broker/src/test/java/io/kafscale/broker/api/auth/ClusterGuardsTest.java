/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ClusterGuardsTest {
  private final GuardFixture fixture = new GuardFixture();

  @Test
  void shouldPassDescribeLogDirsOnlyWithDescribeOnTheCluster() {
    // Given
    Guard guard = ClusterGuards.clusterOnly(AclOperation.DESCRIBE);
    fixture.answering(q -> new DescribeLogDirsResponseData());
    DescribeLogDirsRequestData request = new DescribeLogDirsRequestData();

    // When
    DescribeLogDirsResponseData denied = fixture.run(guard, ApiKeys.DESCRIBE_LOG_DIRS, 4, request);
    fixture.allowCluster(AclOperation.DESCRIBE);
    fixture.run(guard, ApiKeys.DESCRIBE_LOG_DIRS, 4, request);

    // Then
    assertThat(
            GuardFixture.<DescribeLogDirsResponseData>onTheWire(
                    ApiKeys.DESCRIBE_LOG_DIRS, 4, denied)
                .errorCode())
        .isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
    assertThat(fixture.forwarded).containsExactly(request);
  }

  @Test
  void shouldRequireWriteOnTheTransactionalIdForATransactionalInitProducerId() {
    // Given
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TOPIC, "orders")
        .answering(q -> new InitProducerIdResponseData());

    // When
    InitProducerIdResponseData response =
        fixture.run(
            ClusterGuards.initProducerId(),
            ApiKeys.INIT_PRODUCER_ID,
            5,
            new InitProducerIdRequestData().setTransactionalId("tx"));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(response.errorCode()).isEqualTo(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldAllowIdempotenceWithWriteOnAnyTopicAndRefuseItWithout() {
    // Given
    InitProducerIdRequestData idempotent = new InitProducerIdRequestData().setTransactionalId(null);
    fixture.answering(q -> new InitProducerIdResponseData());

    // When
    InitProducerIdResponseData denied =
        fixture.run(ClusterGuards.initProducerId(), ApiKeys.INIT_PRODUCER_ID, 5, idempotent);
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "orders");
    fixture.run(ClusterGuards.initProducerId(), ApiKeys.INIT_PRODUCER_ID, 5, idempotent);

    // Then
    assertThat(denied.errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
    assertThat(fixture.forwarded).containsExactly(idempotent);
  }

  @Test
  void shouldAnswerZeroClusterOperationsInDescribeClusterWithoutDescribeOnTheCluster() {
    // Given
    GuardFixture fixture =
        new GuardFixture()
            .allowCluster(AclOperation.ALTER)
            .answering(q -> new DescribeClusterResponseData());

    // When
    DescribeClusterResponseData response =
        fixture.run(
            ClusterGuards.describeCluster(),
            ApiKeys.DESCRIBE_CLUSTER,
            0,
            new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true));

    // Then
    assertThat(response.clusterAuthorizedOperations()).isZero();
  }
}
