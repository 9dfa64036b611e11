/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Protocol compatibility and selection across members, as Kafka's classic group does it. */
final class ProtocolSelection {
  private ProtocolSelection() {}

  /** Protocol names every member supports, in the first member's order of preference. */
  static List<String> candidates(Collection<Member> members) {
    if (members.isEmpty()) {
      return List.of();
    }
    return members.iterator().next().protocols().stream()
        .map(Protocol::name)
        .filter(name -> members.stream().allMatch(m -> m.metadataFor(name).isPresent()))
        .toList();
  }

  /** Whether a member with this protocol type and these protocols may join the group. */
  static boolean supports(GroupDraft group, String protocolType, List<Protocol> protocols) {
    if (protocolType == null || protocolType.isEmpty() || protocols.isEmpty()) {
      return false;
    }
    if (group.members.isEmpty()) {
      return true;
    }
    List<String> candidates = candidates(group.members.values());
    return group.protocolType.filter(protocolType::equals).isPresent()
        && protocols.stream().anyMatch(p -> candidates.contains(p.name()));
  }

  /**
   * The protocol all members support that wins when each member votes for its most preferred
   * candidate; ties go to the candidate the first member prefers.
   */
  static Optional<String> select(Collection<Member> members) {
    List<String> candidates = candidates(members);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    candidates.forEach(name -> votes.put(name, 0));
    for (Member member : members) {
      member.protocols().stream()
          .map(Protocol::name)
          .filter(candidates::contains)
          .findFirst()
          .ifPresent(name -> votes.merge(name, 1, Integer::sum));
    }
    String best = candidates.getFirst();
    for (String name : candidates) {
      if (votes.get(name) > votes.get(best)) {
        best = name;
      }
    }
    return Optional.of(best);
  }
}
