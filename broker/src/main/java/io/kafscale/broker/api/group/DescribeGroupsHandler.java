/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.Bytes;
import io.kafscale.broker.group.Group;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupState;
import io.kafscale.broker.group.Member;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeGroups v0-6: state, protocol and members; as in Kafka, member metadata and assignments
 * are included only while the group is Stable. Unknown groups are Dead, from v6 with
 * GROUP_ID_NOT_FOUND (KIP-1043). Authorized operations are not computed (no ACLs): left at Kafka's
 * "not requested" value. Thread-safe.
 */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequestData> {
  private static final short FIRST_NOT_FOUND_VERSION = 6;

  private final GroupCoordinator coordinator;

  public DescribeGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<DescribeGroupsResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeGroupsRequestData request) {
    short version = frame.apiVersion();
    List<CompletableFuture<DescribedGroup>> all = new ArrayList<>();
    for (String groupId : request.groups()) {
      if (groupId == null || groupId.isEmpty()) {
        all.add(CompletableFuture.completedFuture(failed(groupId, Errors.INVALID_GROUP_ID)));
        continue;
      }
      all.add(
          coordinator
              .describe(groupId)
              .handle(
                  (group, e) ->
                      e != null
                          ? failed(groupId, GroupErrors.of(e))
                          : described(version, groupId, group)));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              DescribeGroupsResponseData data = new DescribeGroupsResponseData();
              all.forEach(f -> data.groups().add(f.join()));
              return data;
            });
  }

  private static DescribedGroup failed(String groupId, Errors error) {
    return new DescribedGroup()
        .setGroupId(groupId == null ? "" : groupId)
        .setErrorCode(error.code())
        .setGroupState("")
        .setProtocolType("")
        .setProtocolData("");
  }

  private static DescribedGroup described(short version, String groupId, Optional<Group> found) {
    if (found.isEmpty()) {
      DescribedGroup dead =
          new DescribedGroup()
              .setGroupId(groupId)
              .setGroupState(GroupStates.name(GroupState.DEAD))
              .setProtocolType("")
              .setProtocolData("");
      if (version >= FIRST_NOT_FOUND_VERSION) {
        dead.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
            .setErrorMessage("Group " + groupId + " not found.");
      }
      return dead;
    }
    Group group = found.get();
    boolean stable = group.state() == GroupState.STABLE;
    DescribedGroup described =
        new DescribedGroup()
            .setGroupId(groupId)
            .setGroupState(GroupStates.name(group.state()))
            .setProtocolType(group.protocolType().orElse(""))
            .setProtocolData(stable ? group.protocolName().orElse("") : "");
    for (Member m : group.members()) {
      DescribedGroupMember member =
          new DescribedGroupMember()
              .setMemberId(m.memberId())
              .setClientId(m.clientId())
              .setClientHost(m.clientHost())
              .setMemberMetadata(
                  stable
                      ? group.protocolName().flatMap(m::metadataFor).orElse(Bytes.EMPTY).toArray()
                      : new byte[0])
              .setMemberAssignment(stable ? m.assignment().toArray() : new byte[0]);
      if (version >= 4) {
        member.setGroupInstanceId(m.groupInstanceId().orElse(null));
      }
      described.members().add(member);
    }
    return described;
  }
}
