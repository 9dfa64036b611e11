/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a group as stored with the group's record: ids, client, timeouts, the metadata of the
 * chosen protocol (its subscription) and its assignment. Byte arrays are owned by the record
 * (callers must not change them); equality compares their contents.
 */
public record GroupMemberRecord(
    String memberId,
    Optional<String> groupInstanceId,
    String clientId,
    String clientHost,
    int rebalanceTimeoutMs,
    int sessionTimeoutMs,
    byte[] subscription,
    byte[] assignment) {
  public GroupMemberRecord {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(groupInstanceId, "groupInstanceId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientHost, "clientHost");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(assignment, "assignment");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupMemberRecord m
        && memberId.equals(m.memberId)
        && groupInstanceId.equals(m.groupInstanceId)
        && clientId.equals(m.clientId)
        && clientHost.equals(m.clientHost)
        && rebalanceTimeoutMs == m.rebalanceTimeoutMs
        && sessionTimeoutMs == m.sessionTimeoutMs
        && Arrays.equals(subscription, m.subscription)
        && Arrays.equals(assignment, m.assignment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(memberId, groupInstanceId, clientId, Arrays.hashCode(assignment));
  }

  @Override
  public String toString() {
    return "GroupMemberRecord[memberId=" + memberId + ", groupInstanceId=" + groupInstanceId + "]";
  }
}
