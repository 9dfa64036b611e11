/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.group.CoordinatorPartitions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group APIs through {@link ApiTestContext} (single broker owning every coordinator partition;
 * each response is also encoded at its request version).
 */
class GroupHandlersTest {
  private static final Duration INITIAL_DELAY = Duration.ofSeconds(3);
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static byte[] subscription(String... topics) {
    ByteBuffer b = ConsumerProtocol.serializeSubscription(new Subscription(List.of(topics)));
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  private static JoinGroupRequestData joinRequest(String group, String memberId, String topic) {
    JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
    protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(subscription(topic)));
    return new JoinGroupRequestData()
        .setGroupId(group)
        .setMemberId(memberId)
        .setSessionTimeoutMs(10_000)
        .setRebalanceTimeoutMs(30_000)
        .setProtocolType("consumer")
        .setProtocols(protocols);
  }

  /** Joins as the only member at {@code version} and syncs; returns the member id. */
  private String joinAndSync(int version, String group, String topic) {
    JoinGroupResponseData joined;
    String memberId = "";
    if (version >= 4) {
      JoinGroupResponseData first =
          ctx.call(ApiKeys.JOIN_GROUP, version, joinRequest(group, "", topic));
      assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
      memberId = first.memberId();
    }
    CompletableFuture<ApiMessage> join =
        ctx.callAsync(ApiKeys.JOIN_GROUP, version, joinRequest(group, memberId, topic));
    assertThat(join).isNotDone(); // the initial rebalance delay of a new group
    ctx.scheduler.advance(INITIAL_DELAY);
    joined = (JoinGroupResponseData) join.join();
    assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(joined.generationId()).isEqualTo(1);
    assertThat(joined.leader()).isEqualTo(joined.memberId());
    assertThat(joined.members()).hasSize(1);
    SyncGroupResponseData synced =
        ctx.call(
            ApiKeys.SYNC_GROUP,
            Math.min(version, 5),
            new SyncGroupRequestData()
                .setGroupId(group)
                .setMemberId(joined.memberId())
                .setGenerationId(1)
                .setAssignments(
                    List.of(
                        new SyncGroupRequestAssignment()
                            .setMemberId(joined.memberId())
                            .setAssignment(new byte[] {1, 2}))));
    assertThat(synced.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(synced.assignment()).containsExactly(1, 2);
    return joined.memberId();
  }

  @Test
  void shouldJoinSyncAndHeartbeatAtEveryJoinGroupVersion() {
    for (int v = 0; v <= ApiKeys.JOIN_GROUP.latestVersion(false); v++) {
      // When
      String member = joinAndSync(v, "g" + v, "t");
      HeartbeatResponseData beat =
          ctx.call(
              ApiKeys.HEARTBEAT,
              Math.min(v, 4),
              new HeartbeatRequestData()
                  .setGroupId("g" + v)
                  .setMemberId(member)
                  .setGenerationId(1));
      // Then
      assertThat(beat.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
    }
  }

  @Test
  void shouldAnswerNotCoordinatorErrorsAsGroupErrorsForBadIds() {
    // When
    HeartbeatResponseData unknown =
        ctx.call(
            ApiKeys.HEARTBEAT,
            4,
            new HeartbeatRequestData().setGroupId("g").setMemberId("m").setGenerationId(1));
    JoinGroupResponseData empty = ctx.call(ApiKeys.JOIN_GROUP, 9, joinRequest("", "", "t"));
    // Then
    assertThat(unknown.errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(empty.errorCode()).isEqualTo(Errors.INVALID_GROUP_ID.code());
  }

  @Test
  void shouldLeaveSingleMembersAndBatches() {
    // Given
    String a = joinAndSync(9, "batch", "t");
    String b = joinAndSync(2, "single", "t");
    // When
    LeaveGroupResponseData batch =
        ctx.call(
            ApiKeys.LEAVE_GROUP,
            5,
            new LeaveGroupRequestData()
                .setGroupId("batch")
                .setMembers(
                    List.of(
                        new MemberIdentity().setMemberId(a),
                        new MemberIdentity().setMemberId("nobody"))));
    LeaveGroupResponseData single =
        ctx.call(
            ApiKeys.LEAVE_GROUP,
            0,
            new LeaveGroupRequestData().setGroupId("single").setMemberId(b));
    // Then
    assertThat(batch.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(batch.members())
        .extracting(LeaveGroupResponseData.MemberResponse::errorCode)
        .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(single.errorCode()).isEqualTo(Errors.NONE.code());
  }

  private OffsetCommitResponseData commit(
      int version, String group, String member, int generation, Uuid topicId, long offset) {
    OffsetCommitRequestTopic topic =
        new OffsetCommitRequestTopic()
            .setPartitions(
                List.of(
                    new OffsetCommitRequestPartition()
                        .setPartitionIndex(0)
                        .setCommittedOffset(offset)
                        .setCommittedMetadata("meta")));
    if (version >= 10) {
      topic.setTopicId(topicId);
    } else {
      topic.setName("t");
    }
    return ctx.call(
        ApiKeys.OFFSET_COMMIT,
        version,
        new OffsetCommitRequestData()
            .setGroupId(group)
            .setMemberId(member)
            .setGenerationIdOrMemberEpoch(generation)
            .setTopics(List.of(topic)));
  }

  @Test
  void shouldCommitAndFetchOffsetsAtEveryVersion() {
    // Given
    Uuid topicId = ctx.createTopic("t", 2, java.util.Map.of()).topicId();
    for (int v = 2; v <= ApiKeys.OFFSET_COMMIT.latestVersion(false); v++) {
      String group = "assign-" + v;
      // When: an assign() consumer commits partition 0
      OffsetCommitResponseData committed = commit(v, group, "", -1, topicId, 10 + v);
      // Then
      assertThat(committed.topics().getFirst().partitions().getFirst().errorCode())
          .as("commit v%d", v)
          .isEqualTo(Errors.NONE.code());
    }
    for (int v = 1; v <= ApiKeys.OFFSET_FETCH.latestVersion(false); v++) {
      String group = "assign-" + Math.max(2, Math.min(v, 10));
      long expected = 10 + Math.max(2, Math.min(v, 10));
      OffsetFetchResponseData fetched =
          ctx.call(ApiKeys.OFFSET_FETCH, v, fetchRequest(v, group, topicId));
      if (v < 8) {
        assertThat(fetched.topics().getFirst().partitions())
            .as("fetch v%d", v)
            .extracting(OffsetFetchResponseData.OffsetFetchResponsePartition::committedOffset)
            .containsExactly(expected, -1L);
      } else {
        assertThat(fetched.groups().getFirst().topics().getFirst().partitions())
            .as("fetch v%d", v)
            .extracting(OffsetFetchResponseData.OffsetFetchResponsePartitions::committedOffset)
            .containsExactly(expected, -1L);
      }
    }
  }

  private static OffsetFetchRequestData fetchRequest(int version, String group, Uuid topicId) {
    if (version < 8) {
      return new OffsetFetchRequestData()
          .setGroupId(group)
          .setTopics(
              List.of(
                  new OffsetFetchRequestTopic().setName("t").setPartitionIndexes(List.of(0, 1))));
    }
    OffsetFetchRequestTopics topic =
        new OffsetFetchRequestTopics().setPartitionIndexes(List.of(0, 1));
    if (version >= 10) {
      topic.setTopicId(topicId);
    } else {
      topic.setName("t");
    }
    return new OffsetFetchRequestData()
        .setGroups(
            List.of(new OffsetFetchRequestGroup().setGroupId(group).setTopics(List.of(topic))));
  }

  @Test
  void shouldFetchEveryOffsetOfSeveralGroupsWhenTopicsAreNull() {
    // Given
    Uuid topicId = ctx.createTopic("t", 1, java.util.Map.of()).topicId();
    commit(9, "a", "", -1, topicId, 5);
    // When
    OffsetFetchResponseData fetched =
        ctx.call(
            ApiKeys.OFFSET_FETCH,
            9,
            new OffsetFetchRequestData()
                .setGroups(
                    List.of(
                        new OffsetFetchRequestGroup().setGroupId("a").setTopics(null),
                        new OffsetFetchRequestGroup().setGroupId("none").setTopics(null))));
    // Then
    assertThat(fetched.groups()).hasSize(2);
    assertThat(fetched.groups().get(0).topics().getFirst().name()).isEqualTo("t");
    assertThat(
            fetched.groups().get(0).topics().getFirst().partitions().getFirst().committedOffset())
        .isEqualTo(5);
    assertThat(fetched.groups().get(0).topics().getFirst().partitions().getFirst().metadata())
        .isEqualTo("meta");
    assertThat(fetched.groups().get(1).topics()).isEmpty();
  }

  @Test
  void shouldValidateMemberCommits() {
    // Given
    Uuid topicId = ctx.createTopic("t", 1, java.util.Map.of()).topicId();
    String member = joinAndSync(9, "g", "t");
    // When
    OffsetCommitResponseData ok = commit(9, "g", member, 1, topicId, 1);
    OffsetCommitResponseData stale = commit(9, "g", member, 0, topicId, 2);
    OffsetCommitResponseData stranger = commit(9, "g", "x", 1, topicId, 3);
    OffsetCommitResponseData unknownId = commit(10, "g", member, 1, Uuid.randomUuid(), 4);
    // Then
    assertThat(error(ok)).isEqualTo(Errors.NONE.code());
    assertThat(error(stale)).isEqualTo(Errors.ILLEGAL_GENERATION.code());
    assertThat(error(stranger)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(error(unknownId)).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
  }

  @Test
  void shouldRefuseOnlyThePartitionWhoseMetadataIsTooLarge() {
    // Given: Kafka's offset.metadata.max.bytes default is 4096
    ctx.createTopic("t", 2, java.util.Map.of());
    OffsetCommitRequestTopic topic =
        new OffsetCommitRequestTopic()
            .setName("t")
            .setPartitions(
                List.of(
                    new OffsetCommitRequestPartition()
                        .setPartitionIndex(0)
                        .setCommittedOffset(3)
                        .setCommittedMetadata("m".repeat(4096)),
                    new OffsetCommitRequestPartition()
                        .setPartitionIndex(1)
                        .setCommittedOffset(4)
                        .setCommittedMetadata("m".repeat(4097))));
    // When
    OffsetCommitResponseData committed = assignCommit(8, List.of(topic));
    // Then
    assertThat(committed.topics().getFirst().partitions())
        .extracting(OffsetCommitResponseData.OffsetCommitResponsePartition::errorCode)
        .containsExactly(Errors.NONE.code(), Errors.OFFSET_METADATA_TOO_LARGE.code());
  }

  @Test
  void shouldAnswerUnknownTopicOrPartitionForCommitsToPartitionsThatDoNotExist() {
    // Given: topic t has one partition; topic "missing" does not exist
    Uuid topicId = ctx.createTopic("t", 1, java.util.Map.of()).topicId();
    OffsetCommitRequestTopic missing =
        new OffsetCommitRequestTopic()
            .setName("missing")
            .setPartitions(
                List.of(
                    new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(5)));
    OffsetCommitRequestTopic beyond =
        new OffsetCommitRequestTopic()
            .setName("t")
            .setPartitions(
                List.of(
                    new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(6),
                    new OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedOffset(7)));
    // When
    OffsetCommitResponseData committed = assignCommit(9, List.of(missing, beyond));
    OffsetFetchResponseData fetched =
        ctx.call(ApiKeys.OFFSET_FETCH, 9, fetchRequest(9, "assign", topicId));
    // Then
    assertThat(committed.topics().get(0).partitions().getFirst().errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(committed.topics().get(1).partitions())
        .extracting(OffsetCommitResponseData.OffsetCommitResponsePartition::errorCode)
        .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(fetched.groups().getFirst().topics().getFirst().partitions())
        .extracting(OffsetFetchResponseData.OffsetFetchResponsePartitions::committedOffset)
        .contains(6L)
        .doesNotContain(7L);
  }

  /** An OffsetCommit of an {@code assign()} consumer (generation -1) for group "assign". */
  private OffsetCommitResponseData assignCommit(
      int version, List<OffsetCommitRequestTopic> topics) {
    return ctx.call(
        ApiKeys.OFFSET_COMMIT,
        version,
        new OffsetCommitRequestData()
            .setGroupId("assign")
            .setMemberId("")
            .setGenerationIdOrMemberEpoch(-1)
            .setTopics(topics));
  }

  private static short error(OffsetCommitResponseData r) {
    return r.topics().getFirst().partitions().getFirst().errorCode();
  }

  @Test
  void shouldDescribeMembersWithMetadataAndAssignmentAndListByStateAndType() {
    // Given: "idle" only has offsets (of an existing topic: Kafka stores no others)
    ctx.createTopic("t", 1, java.util.Map.of());
    String member = joinAndSync(9, "g", "t");
    commit(9, "idle", "", -1, Uuid.ZERO_UUID, 1);
    // When
    DescribeGroupsResponseData described =
        ctx.call(
            ApiKeys.DESCRIBE_GROUPS,
            5,
            new DescribeGroupsRequestData().setGroups(List.of("g", "missing")));
    DescribeGroupsResponseData missingV6 =
        ctx.call(
            ApiKeys.DESCRIBE_GROUPS,
            6,
            new DescribeGroupsRequestData().setGroups(List.of("missing")));
    ListGroupsResponseData all = ctx.call(ApiKeys.LIST_GROUPS, 0, new ListGroupsRequestData());
    ListGroupsResponseData stable =
        ctx.call(
            ApiKeys.LIST_GROUPS, 5, new ListGroupsRequestData().setStatesFilter(List.of("stable")));
    ListGroupsResponseData consumerType =
        ctx.call(
            ApiKeys.LIST_GROUPS,
            5,
            new ListGroupsRequestData().setTypesFilter(List.of("consumer")));
    // Then
    DescribeGroupsResponseData.DescribedGroup g = described.groups().get(0);
    assertThat(g.groupState()).isEqualTo("Stable");
    assertThat(g.protocolType()).isEqualTo("consumer");
    assertThat(g.protocolData()).isEqualTo("range");
    assertThat(g.members())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.memberId()).isEqualTo(member);
              assertThat(m.clientId()).isEqualTo("test");
              assertThat(m.memberMetadata()).isEqualTo(subscription("t"));
              assertThat(m.memberAssignment()).containsExactly(1, 2);
            });
    assertThat(described.groups().get(1).groupState()).isEqualTo("Dead");
    assertThat(described.groups().get(1).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(missingV6.groups().getFirst().errorCode())
        .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    assertThat(all.groups())
        .extracting(ListGroupsResponseData.ListedGroup::groupId)
        .containsExactlyInAnyOrder("g", "idle");
    assertThat(stable.groups())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.groupId()).isEqualTo("g");
              assertThat(l.groupType()).isEqualTo("classic");
            });
    assertThat(consumerType.groups()).isEmpty();
  }

  @Test
  void shouldDeleteEmptyGroupsOnlyAndProtectSubscribedOffsets() {
    // Given
    Uuid topicId = ctx.createTopic("t", 1, java.util.Map.of()).topicId();
    ctx.createTopic("old", 1, java.util.Map.of());
    String member = joinAndSync(9, "busy", "t");
    commit(9, "busy", member, 1, topicId, 3);
    commit(9, "idle", "", -1, topicId, 3);
    OffsetDeleteRequestTopicCollection topics = new OffsetDeleteRequestTopicCollection();
    topics.add(
        new OffsetDeleteRequestTopic()
            .setName("t")
            .setPartitions(List.of(new OffsetDeleteRequestPartition().setPartitionIndex(0))));
    // When
    OffsetDeleteResponseData protectedOffsets =
        ctx.call(
            ApiKeys.OFFSET_DELETE,
            0,
            new OffsetDeleteRequestData().setGroupId("busy").setTopics(topics));
    DeleteGroupsResponseData deleted =
        ctx.call(
            ApiKeys.DELETE_GROUPS,
            2,
            new DeleteGroupsRequestData().setGroupsNames(List.of("busy", "idle", "never")));
    // Then
    assertThat(protectedOffsets.topics().find("t").partitions().find(0).errorCode())
        .isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
    assertThat(deleted.results())
        .extracting(DeleteGroupsResponseData.DeletableGroupResult::errorCode)
        .containsExactly(
            Errors.NON_EMPTY_GROUP.code(), Errors.NONE.code(), Errors.GROUP_ID_NOT_FOUND.code());
  }

  @Test
  void shouldNameTheOwnerOfTheGroupsCoordinatorPartition() {
    // When
    FindCoordinatorResponseData found =
        ctx.call(
            ApiKeys.FIND_COORDINATOR,
            6,
            new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g")));
    // Then
    assertThat(found.coordinators())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.errorCode()).isEqualTo(Errors.NONE.code());
              assertThat(c.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
            });
    assertThat(ctx.apis.topics().topic(CoordinatorPartitions.TOPIC).orElseThrow().partitionCount())
        .as("created by the controller with the default count")
        .isEqualTo(50);
    assertThat(CoordinatorPartitions.partitionFor("g", 50))
        .isEqualTo(Math.abs("g".hashCode()) % 50);
    assertThat(CoordinatorPartitions.partitionFor("polygenelubricants", 50))
        .as("Integer.MIN_VALUE hash")
        .isZero();
  }

  @Test
  void shouldRefuseProduceToAndDeletionOfTheInternalTopic() {
    // Given
    ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000);
    ProduceRequestData.TopicProduceData data =
        new ProduceRequestData.TopicProduceData().setName(CoordinatorPartitions.TOPIC);
    data.partitionData().add(TestRecords.partition(0, TestRecords.batch(0, 1)));
    produce.topicData().add(data);
    // When
    ProduceResponseData produced = ctx.call(ApiKeys.PRODUCE, 9, produce);
    DeleteTopicsResponseData deleted =
        ctx.call(
            ApiKeys.DELETE_TOPICS,
            4,
            new DeleteTopicsRequestData().setTopicNames(List.of(CoordinatorPartitions.TOPIC)));
    // Then
    assertThat(produced.responses().iterator().next().partitionResponses().getFirst().errorCode())
        .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    assertThat(deleted.responses().iterator().next().errorCode())
        .isEqualTo(Errors.TOPIC_AUTHORIZATION_FAILED.code());
    assertThat(ctx.apis.topics().topic(CoordinatorPartitions.TOPIC)).isPresent();
  }
}
