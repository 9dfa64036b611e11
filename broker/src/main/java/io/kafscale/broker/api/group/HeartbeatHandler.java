/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupEvent;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/** Heartbeat v0+: keeps a member's session alive; never persisted. Thread-safe. */
public final class HeartbeatHandler implements ApiHandler<HeartbeatRequestData> {
  private final GroupCoordinator coordinator;

  public HeartbeatHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<HeartbeatResponseData> handle(
      RequestContext context, RequestFrame frame, HeartbeatRequestData request) {
    if (request.groupId() == null || request.groupId().isEmpty()) {
      return CompletableFuture.completedFuture(
          new HeartbeatResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
    }
    return coordinator
        .handle(
            request.groupId(),
            (id, now) ->
                new GroupEvent.Heartbeat(
                    id,
                    now,
                    request.memberId(),
                    Optional.ofNullable(request.groupInstanceId()),
                    request.generationId()))
        .handle(
            (response, error) ->
                new HeartbeatResponseData()
                    .setErrorCode(
                        (error != null ? GroupErrors.of(error) : GroupErrors.of(response.error()))
                            .code()));
  }
}
