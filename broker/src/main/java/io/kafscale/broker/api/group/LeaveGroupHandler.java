/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupEvent;
import io.kafscale.broker.group.GroupResponse.LeaveResponse;
import io.kafscale.broker.group.GroupResponse.MemberLeaveResult;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * LeaveGroup: v0-2 name one member and answer with its error at the top level; v3+ carry a batch
 * (KIP-345) answered per member. Thread-safe.
 */
public final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequestData> {
  private static final short FIRST_BATCH_VERSION = 3;

  private final GroupCoordinator coordinator;

  public LeaveGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<LeaveGroupResponseData> handle(
      RequestContext context, RequestFrame frame, LeaveGroupRequestData request) {
    short version = frame.apiVersion();
    if (request.groupId() == null || request.groupId().isEmpty()) {
      return CompletableFuture.completedFuture(
          new LeaveGroupResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
    }
    List<GroupEvent.LeavingMember> members =
        version < FIRST_BATCH_VERSION
            ? List.of(new GroupEvent.LeavingMember(request.memberId(), Optional.empty()))
            : request.members().stream()
                .map(
                    m ->
                        new GroupEvent.LeavingMember(
                            m.memberId(), Optional.ofNullable(m.groupInstanceId())))
                .toList();
    return coordinator
        .handle(request.groupId(), (id, now) -> new GroupEvent.Leave(id, now, members))
        .handle(
            (response, error) -> {
              if (error != null) {
                return new LeaveGroupResponseData().setErrorCode(GroupErrors.of(error).code());
              }
              return toData(version, (LeaveResponse) response);
            });
  }

  private static LeaveGroupResponseData toData(short version, LeaveResponse r) {
    LeaveGroupResponseData data = new LeaveGroupResponseData();
    if (version < FIRST_BATCH_VERSION) {
      Errors error =
          r.error() != io.kafscale.broker.group.ErrorKind.NONE || r.members().isEmpty()
              ? GroupErrors.of(r.error())
              : GroupErrors.of(r.members().getFirst().error());
      return data.setErrorCode(error.code());
    }
    data.setErrorCode(GroupErrors.of(r.error()).code());
    for (MemberLeaveResult m : r.members()) {
      data.members()
          .add(
              new MemberResponse()
                  .setMemberId(m.memberId())
                  .setGroupInstanceId(m.groupInstanceId().orElse(null))
                  .setErrorCode(GroupErrors.of(m.error()).code()));
    }
    return data;
  }
}
