/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives one group through {@link GroupStateMachine} for tests: owns the group snapshot, the manual
 * time and the request ids, and keeps every result. Not thread-safe.
 */
final class GroupStateMachineTestContext {
  static final String CONSUMER = "consumer";
  static final int SESSION_MS = 10_000;
  static final int REBALANCE_MS = 30_000;

  final GroupStateMachine machine;
  Group group;
  long nowMs = 1_000;
  private long nextRequestId = 1;
  final List<GroupResult> results = new ArrayList<>();

  GroupStateMachineTestContext(GroupSettings settings) {
    machine = new GroupStateMachine(settings, "seed");
    group = Group.empty("g");
  }

  /** Kafka's defaults (3 s initial rebalance delay). */
  static GroupStateMachineTestContext withDefaults() {
    return new GroupStateMachineTestContext(GroupSettings.defaults());
  }

  static Bytes bytes(String text) {
    return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<Protocol> protocols(String... names) {
    return java.util.Arrays.stream(names).map(n -> new Protocol(n, bytes(n + "-meta"))).toList();
  }

  long requestId() {
    return nextRequestId++;
  }

  GroupResult apply(GroupEvent event) {
    GroupResult result = machine.apply(group, event);
    results.add(result);
    group = result.group();
    return result;
  }

  void advance(long ms) {
    nowMs += ms;
  }

  GroupEvent.Join join(String memberId, Optional<String> instanceId, List<Protocol> protocols) {
    return new GroupEvent.Join(
        requestId(),
        nowMs,
        memberId,
        instanceId,
        "client",
        "/127.0.0.1",
        REBALANCE_MS,
        SESSION_MS,
        CONSUMER,
        protocols,
        true,
        true);
  }

  GroupEvent.Join join(String memberId) {
    return join(memberId, Optional.empty(), protocols("range"));
  }

  GroupEvent.Sync sync(String memberId, int generation, Map<String, Bytes> assignments) {
    return new GroupEvent.Sync(
        requestId(),
        nowMs,
        memberId,
        Optional.empty(),
        generation,
        Optional.of(CONSUMER),
        Optional.empty(),
        assignments);
  }

  GroupEvent.Heartbeat heartbeat(String memberId, int generation) {
    return new GroupEvent.Heartbeat(requestId(), nowMs, memberId, Optional.empty(), generation);
  }

  GroupEvent.Leave leave(String... memberIds) {
    return new GroupEvent.Leave(
        requestId(),
        nowMs,
        java.util.Arrays.stream(memberIds)
            .map(id -> new GroupEvent.LeavingMember(id, Optional.empty()))
            .toList());
  }

  /** KIP-394 handshake: asks for an id, then joins with it; returns the id. */
  String joinNew() {
    JoinResponse required = onlyJoin(apply(join("")));
    assertThat(required.error()).isEqualTo(ErrorKind.MEMBER_ID_REQUIRED);
    apply(join(required.memberId()));
    return required.memberId();
  }

  /** Members join, the join phase completes, the leader assigns "a-<id>" to each: Stable. */
  List<String> stableGroupOf(int size) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(joinNew());
    }
    while (group.initialDelay().isPresent()) {
      nowMs = group.initialDelay().get().deadlineMs();
      apply(new GroupEvent.InitialDelayExpired(nowMs));
    }
    assertThat(group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
    syncAll(ids);
    assertThat(group.state()).isEqualTo(GroupState.STABLE);
    return ids;
  }

  /** Every member syncs, followers first, the leader assigning "a-<id>-g<generation>". */
  void syncAll(List<String> ids) {
    String leader = group.leaderId().orElseThrow();
    for (String id : ids) {
      if (!id.equals(leader)) {
        apply(sync(id, group.generation(), Map.of()));
      }
    }
    Map<String, Bytes> assignments = new java.util.HashMap<>();
    ids.forEach(id -> assignments.put(id, bytes("a-" + id + "-g" + group.generation())));
    apply(sync(leader, group.generation(), assignments));
  }

  Member member(String id) {
    return group.member(id).orElseThrow();
  }

  static JoinResponse onlyJoin(GroupResult result) {
    assertThat(result.responses()).hasSize(1);
    return (JoinResponse) result.responses().getFirst();
  }

  static SyncResponse onlySync(GroupResult result) {
    assertThat(result.responses()).hasSize(1);
    return (SyncResponse) result.responses().getFirst();
  }

  static <T extends GroupResponse> List<T> responsesOf(GroupResult result, Class<T> type) {
    return result.responses().stream().filter(type::isInstance).map(type::cast).toList();
  }

  static Optional<GroupResponse> responseTo(GroupResult result, long requestId) {
    return result.responses().stream().filter(r -> r.requestId() == requestId).findFirst();
  }
}
