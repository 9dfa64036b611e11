/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.GroupMemberRecord;
import io.kafscale.metadata.model.GroupRecord;
import java.util.List;
import java.util.Optional;

/**
 * Converts between a group snapshot and its durable record (pure). Only the chosen protocol's
 * metadata of each member is stored, as Kafka does; a restored member supports just that protocol
 * until it rejoins.
 */
final class GroupRecords {
  private GroupRecords() {}

  static GroupRecord toRecord(Group group, long nowMs) {
    List<GroupMemberRecord> members =
        group.members().stream()
            .map(
                m ->
                    new GroupMemberRecord(
                        m.memberId(),
                        m.groupInstanceId(),
                        m.clientId(),
                        m.clientHost(),
                        m.rebalanceTimeoutMs(),
                        m.sessionTimeoutMs(),
                        group.protocolName().flatMap(m::metadataFor).orElse(Bytes.EMPTY).toArray(),
                        m.assignment().toArray()))
            .toList();
    return new GroupRecord(
        group.groupId(),
        group.protocolType(),
        group.generation(),
        group.protocolName(),
        group.leaderId(),
        members,
        nowMs);
  }

  static Group fromRecord(GroupRecord record, long nowMs) {
    String protocolType = record.protocolType().orElse("");
    List<Member> members =
        record.members().stream()
            .map(
                r ->
                    new Member(
                        r.memberId(),
                        r.groupInstanceId(),
                        r.clientId(),
                        r.clientHost(),
                        r.rebalanceTimeoutMs(),
                        r.sessionTimeoutMs(),
                        protocolType,
                        record
                            .protocolName()
                            .map(p -> List.of(new Protocol(p, Bytes.of(r.subscription()))))
                            .orElse(List.of()),
                        Bytes.of(r.assignment()),
                        Member.NO_REQUEST,
                        Member.NO_REQUEST,
                        false,
                        nowMs,
                        nowMs + r.sessionTimeoutMs()))
            .toList();
    Group restored =
        Group.restored(
            record.groupId(),
            record.generation(),
            record.protocolType(),
            record.protocolName(),
            record.leaderId(),
            members,
            nowMs);
    return restored.isEmpty() && record.protocolType().isPresent()
        ? withProtocolType(restored, record.protocolType())
        : restored;
  }

  /** An Empty group keeps its protocol type (it decides how its offsets expire). */
  private static Group withProtocolType(Group g, Optional<String> protocolType) {
    return new Group(
        g.groupId(),
        g.state(),
        g.generation(),
        protocolType,
        g.protocolName(),
        g.leaderId(),
        g.members(),
        g.pendingMembers(),
        g.staticMembers(),
        g.pendingSyncMembers(),
        g.memberIdSequence(),
        g.rebalanceDeadlineMs(),
        g.initialDelay());
  }
}
