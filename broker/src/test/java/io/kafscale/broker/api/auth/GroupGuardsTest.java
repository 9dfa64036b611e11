/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupGuardsTest {
  private final GuardFixture fixture = new GuardFixture();

  @Test
  void shouldPassJoinGroupUnchangedWithReadOnTheGroupAndRefuseItOtherwise() {
    // Given
    Guard guard =
        GroupGuards.<JoinGroupRequestData>single(AclOperation.READ, JoinGroupRequestData::groupId);
    fixture
        .allow(AclOperation.READ, AclResourceType.GROUP, "mine")
        .answering(q -> new JoinGroupResponseData());
    JoinGroupRequestData mine = new JoinGroupRequestData().setGroupId("mine");

    // When
    fixture.run(guard, ApiKeys.JOIN_GROUP, 9, mine);
    JoinGroupResponseData theirs =
        fixture.run(guard, ApiKeys.JOIN_GROUP, 9, new JoinGroupRequestData().setGroupId("theirs"));

    // Then
    assertThat(fixture.forwarded).containsExactly(mine);
    assertThat(
            GuardFixture.<JoinGroupResponseData>onTheWire(ApiKeys.JOIN_GROUP, 9, theirs)
                .errorCode())
        .isEqualTo(Errors.GROUP_AUTHORIZATION_FAILED.code());
  }

  private static OffsetDeleteRequestData offsetDelete(String... topics) {
    OffsetDeleteRequestData q = new OffsetDeleteRequestData().setGroupId("g");
    for (String t : topics) {
      OffsetDeleteRequestTopic topic = new OffsetDeleteRequestTopic().setName(t);
      topic.partitions().add(new OffsetDeleteRequestPartition().setPartitionIndex(0));
      topic.partitions().add(new OffsetDeleteRequestPartition().setPartitionIndex(1));
      q.topics().add(topic);
    }
    return q;
  }

  private static ApiMessage offsetsDeleted(ApiMessage request) {
    OffsetDeleteResponseData r = new OffsetDeleteResponseData();
    for (OffsetDeleteRequestTopic t : ((OffsetDeleteRequestData) request).topics()) {
      var topic = new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(t.name());
      t.partitions()
          .forEach(
              p ->
                  topic
                      .partitions()
                      .add(
                          new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                              .setPartitionIndex(p.partitionIndex())));
      r.topics().add(topic);
    }
    return r;
  }

  @Test
  void shouldDeleteReadableTopicsAndRefuseThePartitionsOfTheOthersInOffsetDelete() {
    // Given
    fixture
        .allow(AclOperation.DELETE, AclResourceType.GROUP, "g")
        .allow(AclOperation.READ, AclResourceType.TOPIC, "b")
        .answering(GroupGuardsTest::offsetsDeleted);

    // When
    OffsetDeleteResponseData response =
        fixture.run(GroupGuards.offsetDelete(), ApiKeys.OFFSET_DELETE, 0, offsetDelete("a", "b"));

    // Then only "b" reaches the coordinator; "a" is refused per partition, in request order
    assertThat(((OffsetDeleteRequestData) fixture.forwarded.get(0)).topics())
        .extracting(t -> t.name())
        .containsExactly("b");
    OffsetDeleteResponseData read = GuardFixture.onTheWire(ApiKeys.OFFSET_DELETE, 0, response);
    assertThat(read.topics())
        .flatExtracting(
            t ->
                t.partitions().stream()
                    .map(
                        p ->
                            t.name()
                                + "-"
                                + p.partitionIndex()
                                + ":"
                                + Errors.forCode(p.errorCode()))
                    .toList())
        .containsExactly(
            "a-0:TOPIC_AUTHORIZATION_FAILED",
            "a-1:TOPIC_AUTHORIZATION_FAILED",
            "b-0:NONE",
            "b-1:NONE");
  }

  @Test
  void shouldStillAskTheCoordinatorAndKeepItsGroupErrorWhenNoTopicIsReadable() {
    // Given the coordinator reports the group unknown
    fixture
        .allow(AclOperation.DELETE, AclResourceType.GROUP, "g")
        .answering(
            q -> new OffsetDeleteResponseData().setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()));

    // When
    OffsetDeleteResponseData response =
        fixture.run(GroupGuards.offsetDelete(), ApiKeys.OFFSET_DELETE, 0, offsetDelete("a"));

    // Then
    assertThat(fixture.forwarded).hasSize(1);
    assertThat(response.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
  }

  @Test
  void shouldRefuseTheWholeOffsetDeleteWithoutDeleteOnTheGroup() {
    // When
    OffsetDeleteResponseData response =
        fixture.run(GroupGuards.offsetDelete(), ApiKeys.OFFSET_DELETE, 0, offsetDelete("a"));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(response.errorCode()).isEqualTo(Errors.GROUP_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldRefuseFindCoordinatorWholeBeforeV4AndPerKeyFromV4() {
    // Given
    fixture
        .allow(AclOperation.DESCRIBE, AclResourceType.GROUP, "mine")
        .answering(
            q -> {
              FindCoordinatorResponseData r = new FindCoordinatorResponseData();
              for (String key : ((FindCoordinatorRequestData) q).coordinatorKeys()) {
                r.coordinators()
                    .add(
                        new FindCoordinatorResponseData.Coordinator()
                            .setKey(key)
                            .setNodeId(1)
                            .setHost("127.0.0.1")
                            .setPort(9092));
              }
              return r;
            });

    // When
    FindCoordinatorResponseData v3 =
        fixture.run(
            GroupGuards.findCoordinator(),
            ApiKeys.FIND_COORDINATOR,
            3,
            new FindCoordinatorRequestData().setKey("theirs"));
    FindCoordinatorResponseData v4 =
        fixture.run(
            GroupGuards.findCoordinator(),
            ApiKeys.FIND_COORDINATOR,
            4,
            new FindCoordinatorRequestData().setCoordinatorKeys(List.of("mine", "theirs")));

    // Then
    assertThat(
            GuardFixture.<FindCoordinatorResponseData>onTheWire(ApiKeys.FIND_COORDINATOR, 3, v3)
                .errorCode())
        .isEqualTo(Errors.GROUP_AUTHORIZATION_FAILED.code());
    assertThat(
            GuardFixture.<FindCoordinatorResponseData>onTheWire(ApiKeys.FIND_COORDINATOR, 4, v4)
                .coordinators())
        .extracting(c -> c.key(), c -> Errors.forCode(c.errorCode()), c -> c.nodeId())
        .containsExactly(
            tuple("mine", Errors.NONE, 1), tuple("theirs", Errors.GROUP_AUTHORIZATION_FAILED, -1));
  }
}
