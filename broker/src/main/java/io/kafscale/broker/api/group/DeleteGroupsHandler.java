/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupEvent;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteGroups: deletes Empty groups with their offsets (NON_EMPTY_GROUP while members exist,
 * GROUP_ID_NOT_FOUND for unknown groups, NOT_COORDINATOR for groups coordinated elsewhere).
 * Thread-safe.
 */
public final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequestData> {
  private final GroupCoordinator coordinator;

  public DeleteGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<DeleteGroupsResponseData> handle(
      RequestContext context, RequestFrame frame, DeleteGroupsRequestData request) {
    List<CompletableFuture<DeletableGroupResult>> results = new ArrayList<>();
    for (String groupId : request.groupsNames()) {
      if (groupId == null || groupId.isEmpty()) {
        results.add(
            CompletableFuture.completedFuture(
                result(groupId == null ? "" : groupId, Errors.INVALID_GROUP_ID)));
        continue;
      }
      results.add(
          coordinator
              .handle(groupId, GroupEvent.Delete::new)
              .handle(
                  (r, e) ->
                      result(groupId, e != null ? GroupErrors.of(e) : GroupErrors.of(r.error()))));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              DeleteGroupsResponseData data = new DeleteGroupsResponseData();
              results.forEach(f -> data.results().add(f.join()));
              return data;
            });
  }

  private static DeletableGroupResult result(String groupId, Errors error) {
    return new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code());
  }
}
