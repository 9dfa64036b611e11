/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.Group;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.Errors;

/**
 * ListGroups v0-5: the groups this broker coordinates (clients ask every broker), filtered by state
 * from v4 and by type from v5 (case-insensitive, as Kafka does). Every group here is a "classic"
 * group. Thread-safe.
 */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequestData> {
  private static final String CLASSIC = "classic";

  private final GroupCoordinator coordinator;

  public ListGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<ListGroupsResponseData> handle(
      RequestContext context, RequestFrame frame, ListGroupsRequestData request) {
    short version = frame.apiVersion();
    Set<String> states = lower(request.statesFilter());
    Set<String> types = lower(request.typesFilter());
    return coordinator
        .listGroups()
        .handle(
            (groups, e) -> {
              ListGroupsResponseData data = new ListGroupsResponseData();
              if (e != null) {
                return data.setErrorCode(GroupErrors.of(e).code());
              }
              if (!types.isEmpty() && !types.contains(CLASSIC)) {
                return data;
              }
              for (Group g : groups) {
                String state = GroupStates.name(g.state());
                if (!states.isEmpty() && !states.contains(state.toLowerCase(Locale.ROOT))) {
                  continue;
                }
                ListedGroup listed =
                    new ListedGroup()
                        .setGroupId(g.groupId())
                        .setProtocolType(g.protocolType().orElse(""));
                if (version >= 4) {
                  listed.setGroupState(state);
                }
                if (version >= 5) {
                  listed.setGroupType(CLASSIC);
                }
                data.groups().add(listed);
              }
              return data.setErrorCode(Errors.NONE.code());
            });
  }

  private static Set<String> lower(java.util.List<String> values) {
    return values == null
        ? Set.of()
        : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
