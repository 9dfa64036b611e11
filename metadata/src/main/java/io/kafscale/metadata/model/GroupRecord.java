/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer group's durable record, written by its coordinator when a generation completes (Stable
 * with assignments), when the group becomes Empty, and on static-member replacement: the protocol
 * type and chosen protocol, the generation, the leader and the members. Never written per
 * heartbeat.
 */
public record GroupRecord(
    String groupId,
    Optional<String> protocolType,
    int generation,
    Optional<String> protocolName,
    Optional<String> leaderId,
    List<GroupMemberRecord> members,
    long writtenAtMs) {
  public GroupRecord {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(protocolType, "protocolType");
    Objects.requireNonNull(protocolName, "protocolName");
    Objects.requireNonNull(leaderId, "leaderId");
    members = List.copyOf(members);
  }
}
