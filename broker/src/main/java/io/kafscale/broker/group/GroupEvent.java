/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One input to {@link GroupStateMachine}: a client request (carrying the id the shell uses to
 * complete it later) or a timer firing. Every event carries the coordinator's current time; the
 * state machine reads no clock.
 */
public sealed interface GroupEvent {
  /** The coordinator's time when the event is applied. */
  long nowMs();

  /** A JoinGroup request. An empty {@code memberId} means "new member". */
  record Join(
      long requestId,
      long nowMs,
      String memberId,
      Optional<String> groupInstanceId,
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      String protocolType,
      List<Protocol> protocols,
      boolean requireKnownMemberId,
      boolean supportsSkipAssignment)
      implements GroupEvent {
    public Join {
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(groupInstanceId, "groupInstanceId");
      protocols = List.copyOf(protocols);
    }
  }

  /**
   * A SyncGroup request; {@code assignments} is non-empty only from the leader. Protocol type and
   * name are checked only when present (SyncGroup v5+ sends them).
   */
  record Sync(
      long requestId,
      long nowMs,
      String memberId,
      Optional<String> groupInstanceId,
      int generation,
      Optional<String> protocolType,
      Optional<String> protocolName,
      Map<String, Bytes> assignments)
      implements GroupEvent {
    public Sync {
      assignments = Map.copyOf(assignments);
    }
  }

  /** A Heartbeat request. */
  record Heartbeat(
      long requestId, long nowMs, String memberId, Optional<String> groupInstanceId, int generation)
      implements GroupEvent {}

  /** One member named in a LeaveGroup; an empty member id with an instance id removes by id. */
  record LeavingMember(String memberId, Optional<String> groupInstanceId) {}

  /** A LeaveGroup request (v3+ carry a batch; older versions a batch of one). */
  record Leave(long requestId, long nowMs, List<LeavingMember> members) implements GroupEvent {
    public Leave {
      members = List.copyOf(members);
    }
  }

  /** A DeleteGroups entry for this group. */
  record Delete(long requestId, long nowMs) implements GroupEvent {}

  /** The {@link TimerKey.Kind#REBALANCE} timer fired: join phase or sync phase ran out of time. */
  record RebalanceTimeout(long nowMs) implements GroupEvent {}

  /** The {@link TimerKey.Kind#INITIAL_DELAY} timer fired. */
  record InitialDelayExpired(long nowMs) implements GroupEvent {}

  /** A session timer fired: expire every member and pending member whose deadline passed. */
  record Tick(long nowMs) implements GroupEvent {}

  /** The event the shell applies when the timer {@code key} fires at {@code nowMs}. */
  static GroupEvent forTimer(TimerKey key, long nowMs) {
    return switch (key.kind()) {
      case REBALANCE -> new RebalanceTimeout(nowMs);
      case INITIAL_DELAY -> new InitialDelayExpired(nowMs);
      case SESSION -> new Tick(nowMs);
    };
  }
}
