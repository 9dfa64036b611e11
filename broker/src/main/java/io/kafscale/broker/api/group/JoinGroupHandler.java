/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.Bytes;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupEvent;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.Protocol;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.Errors;

/**
 * JoinGroup v0+: hands the join to the group's coordinator, which may hold it until the rebalance
 * completes. Member ids are required from v4 (KIP-394); v0 has no rebalance timeout (the session
 * timeout is used, as Kafka does); skip-assignment is offered from v9. Thread-safe.
 */
public final class JoinGroupHandler implements ApiHandler<JoinGroupRequestData> {
  private final GroupCoordinator coordinator;

  public JoinGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<JoinGroupResponseData> handle(
      RequestContext context, RequestFrame frame, JoinGroupRequestData request) {
    short version = frame.apiVersion();
    if (request.groupId() == null || request.groupId().isEmpty()) {
      return CompletableFuture.completedFuture(
          failed(version, Errors.INVALID_GROUP_ID, request.memberId()));
    }
    List<Protocol> protocols =
        request.protocols().stream()
            .map(p -> new Protocol(p.name(), Bytes.of(p.metadata())))
            .toList();
    int rebalanceTimeout = version == 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
    String host = GroupErrors.clientHost(context);
    String clientId = context.clientId() == null ? "" : context.clientId();
    return coordinator
        .handle(
            request.groupId(),
            (id, now) ->
                new GroupEvent.Join(
                    id,
                    now,
                    request.memberId(),
                    Optional.ofNullable(request.groupInstanceId()),
                    clientId,
                    host,
                    rebalanceTimeout,
                    request.sessionTimeoutMs(),
                    request.protocolType(),
                    protocols,
                    version >= 4,
                    version >= 9))
        .handle(
            (response, error) ->
                error != null
                    ? failed(version, GroupErrors.of(error), request.memberId())
                    : toData(version, (JoinResponse) response));
  }

  private static JoinGroupResponseData toData(short version, JoinResponse r) {
    JoinGroupResponseData data =
        new JoinGroupResponseData()
            .setErrorCode(GroupErrors.of(r.error()).code())
            .setGenerationId(r.generation())
            .setLeader(r.leaderId())
            .setMemberId(r.memberId());
    // Nullable only from v7; older versions carry "".
    data.setProtocolName(r.protocolName().orElse(version >= 7 ? null : ""));
    if (version >= 7) {
      data.setProtocolType(r.protocolType().orElse(null));
    }
    if (version >= 9) {
      data.setSkipAssignment(r.skipAssignment());
    }
    for (var m : r.members()) {
      JoinGroupResponseMember member =
          new JoinGroupResponseMember()
              .setMemberId(m.memberId())
              .setMetadata(m.metadata().toArray());
      if (version >= 5) {
        member.setGroupInstanceId(m.groupInstanceId().orElse(null));
      }
      data.members().add(member);
    }
    return data;
  }

  private static JoinGroupResponseData failed(short version, Errors error, String memberId) {
    return new JoinGroupResponseData()
        .setErrorCode(error.code())
        .setGenerationId(-1)
        .setProtocolName(version >= 7 ? null : "")
        .setLeader("")
        .setMemberId(memberId == null ? "" : memberId);
  }
}
