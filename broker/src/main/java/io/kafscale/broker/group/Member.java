/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One member of a classic group, immutable. {@code joinRequestId} / {@code syncRequestId} name the
 * JoinGroup / SyncGroup request the coordinator is holding for this member ({@link #NO_REQUEST}
 * when none): the group answers it later through a {@link GroupResponse} with that id.
 *
 * @param protocols the member's protocols in its order of preference
 * @param assignment what the leader's SyncGroup gave this member in the current generation
 * @param isNew joined in the current rebalance and has not yet received a JoinGroup answer
 * @param sessionDeadlineMs when the member expires unless it heartbeats (or is kept alive by a held
 *     request); for new members the new-member join timeout instead of the session timeout
 */
public record Member(
    String memberId,
    Optional<String> groupInstanceId,
    String clientId,
    String clientHost,
    int rebalanceTimeoutMs,
    int sessionTimeoutMs,
    String protocolType,
    List<Protocol> protocols,
    Bytes assignment,
    long joinRequestId,
    long syncRequestId,
    boolean isNew,
    long lastHeartbeatMs,
    long sessionDeadlineMs) {

  /** The request-id value meaning "no request held". */
  public static final long NO_REQUEST = -1;

  public Member {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(groupInstanceId, "groupInstanceId");
    Objects.requireNonNull(assignment, "assignment");
    protocols = List.copyOf(protocols);
  }

  public boolean isStatic() {
    return groupInstanceId.isPresent();
  }

  public boolean isAwaitingJoin() {
    return joinRequestId != NO_REQUEST;
  }

  public boolean isAwaitingSync() {
    return syncRequestId != NO_REQUEST;
  }

  /**
   * Whether a session check at {@code nowMs} removes this member. A member whose JoinGroup or
   * SyncGroup the coordinator is holding is alive by definition, except a new member, which is
   * bounded by the new-member join timeout so dead clients cannot pile up in a long rebalance.
   */
  public boolean isExpiredAt(long nowMs) {
    boolean heldAlive = !isNew && (isAwaitingJoin() || isAwaitingSync());
    return !heldAlive && nowMs >= sessionDeadlineMs;
  }

  /** The member's metadata for {@code protocolName}, empty if it does not support it. */
  public Optional<Bytes> metadataFor(String protocolName) {
    return protocols.stream()
        .filter(p -> p.name().equals(protocolName))
        .map(Protocol::metadata)
        .findFirst();
  }

  /** Whether a rejoin with these protocols changes nothing (Kafka's {@code matches}). */
  public boolean matches(List<Protocol> others) {
    return protocols.equals(others);
  }

  Member withMemberId(String id) {
    return new Member(
        id,
        groupInstanceId,
        clientId,
        clientHost,
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols,
        assignment,
        joinRequestId,
        syncRequestId,
        isNew,
        lastHeartbeatMs,
        sessionDeadlineMs);
  }

  Member withJoinRequest(long requestId) {
    return new Member(
        memberId,
        groupInstanceId,
        clientId,
        clientHost,
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols,
        assignment,
        requestId,
        syncRequestId,
        isNew,
        lastHeartbeatMs,
        sessionDeadlineMs);
  }

  Member withSyncRequest(long requestId) {
    return new Member(
        memberId,
        groupInstanceId,
        clientId,
        clientHost,
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols,
        assignment,
        joinRequestId,
        requestId,
        isNew,
        lastHeartbeatMs,
        sessionDeadlineMs);
  }

  Member withAssignment(Bytes bytes) {
    return new Member(
        memberId,
        groupInstanceId,
        clientId,
        clientHost,
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols,
        bytes,
        joinRequestId,
        syncRequestId,
        isNew,
        lastHeartbeatMs,
        sessionDeadlineMs);
  }

  /** This member after a heartbeat (or any sign of life) at {@code nowMs}; no longer new. */
  Member heartbeat(long nowMs) {
    return new Member(
        memberId,
        groupInstanceId,
        clientId,
        clientHost,
        rebalanceTimeoutMs,
        sessionTimeoutMs,
        protocolType,
        protocols,
        assignment,
        joinRequestId,
        syncRequestId,
        false,
        nowMs,
        nowMs + sessionTimeoutMs);
  }

  /** This member with what a rejoin may change: protocols, timeouts, client identity. */
  Member rejoined(GroupEvent.Join join) {
    return new Member(
        memberId,
        groupInstanceId,
        join.clientId(),
        join.clientHost(),
        join.rebalanceTimeoutMs(),
        join.sessionTimeoutMs(),
        join.protocolType(),
        join.protocols(),
        assignment,
        joinRequestId,
        syncRequestId,
        isNew,
        lastHeartbeatMs,
        sessionDeadlineMs);
  }
}
