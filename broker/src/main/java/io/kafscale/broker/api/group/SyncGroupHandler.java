/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.Bytes;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupEvent;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * SyncGroup v0+: followers wait for the leader's assignment, which the coordinator persists before
 * anyone is answered. Protocol type and name are checked from v5. Thread-safe.
 */
public final class SyncGroupHandler implements ApiHandler<SyncGroupRequestData> {
  private final GroupCoordinator coordinator;

  public SyncGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<SyncGroupResponseData> handle(
      RequestContext context, RequestFrame frame, SyncGroupRequestData request) {
    short version = frame.apiVersion();
    if (request.groupId() == null || request.groupId().isEmpty()) {
      return CompletableFuture.completedFuture(failed(Errors.INVALID_GROUP_ID));
    }
    Map<String, Bytes> assignments = new LinkedHashMap<>();
    request.assignments().forEach(a -> assignments.put(a.memberId(), Bytes.of(a.assignment())));
    return coordinator
        .handle(
            request.groupId(),
            (id, now) ->
                new GroupEvent.Sync(
                    id,
                    now,
                    request.memberId(),
                    Optional.ofNullable(request.groupInstanceId()),
                    request.generationId(),
                    Optional.ofNullable(request.protocolType()),
                    Optional.ofNullable(request.protocolName()),
                    assignments))
        .handle(
            (response, error) -> {
              if (error != null) {
                return failed(GroupErrors.of(error));
              }
              SyncResponse r = (SyncResponse) response;
              SyncGroupResponseData data =
                  new SyncGroupResponseData()
                      .setErrorCode(GroupErrors.of(r.error()).code())
                      .setAssignment(r.assignment().toArray());
              if (version >= 5) {
                data.setProtocolType(r.protocolType().orElse(null))
                    .setProtocolName(r.protocolName().orElse(null));
              }
              return data;
            });
  }

  private static SyncGroupResponseData failed(Errors error) {
    return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
  }
}
