/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.List;
import java.util.Optional;

/**
 * The answer to one request the group received, completed by the shell. Each request id is answered
 * exactly once, either in the result of its own event or, for a JoinGroup or SyncGroup the group
 * holds, in the result of a later event.
 */
public sealed interface GroupResponse {
  long requestId();

  ErrorKind error();

  /** One entry of the member list the leader receives: metadata of the chosen protocol. */
  record JoinedMember(String memberId, Optional<String> groupInstanceId, Bytes metadata) {}

  /**
   * A JoinGroup answer. On errors generation is -1 and leader empty; with MEMBER_ID_REQUIRED,
   * {@code memberId} is the id to rejoin with. {@code members} is non-empty only for the leader.
   */
  record JoinResponse(
      long requestId,
      ErrorKind error,
      String memberId,
      int generation,
      Optional<String> protocolType,
      Optional<String> protocolName,
      String leaderId,
      boolean skipAssignment,
      List<JoinedMember> members)
      implements GroupResponse {
    public JoinResponse {
      members = List.copyOf(members);
    }

    static JoinResponse failed(long requestId, ErrorKind error, String memberId) {
      return new JoinResponse(
          requestId, error, memberId, -1, Optional.empty(), Optional.empty(), "", false, List.of());
    }
  }

  /** A SyncGroup answer: the member's assignment from the leader on success. */
  record SyncResponse(
      long requestId,
      ErrorKind error,
      Optional<String> protocolType,
      Optional<String> protocolName,
      Bytes assignment)
      implements GroupResponse {
    static SyncResponse failed(long requestId, ErrorKind error) {
      return new SyncResponse(requestId, error, Optional.empty(), Optional.empty(), Bytes.EMPTY);
    }
  }

  /** A Heartbeat answer. */
  record HeartbeatResponse(long requestId, ErrorKind error) implements GroupResponse {}

  /** The outcome for one member named in a LeaveGroup. */
  record MemberLeaveResult(String memberId, Optional<String> groupInstanceId, ErrorKind error) {}

  /** A LeaveGroup answer: a top-level error, or NONE and one result per named member. */
  record LeaveResponse(long requestId, ErrorKind error, List<MemberLeaveResult> members)
      implements GroupResponse {
    public LeaveResponse {
      members = List.copyOf(members);
    }
  }

  /** A DeleteGroups answer for this group. */
  record DeleteResponse(long requestId, ErrorKind error) implements GroupResponse {}
}
