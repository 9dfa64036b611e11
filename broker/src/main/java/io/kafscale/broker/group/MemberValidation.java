/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Optional;

/** Kafka's validateCurrentMember: is this request from the member that holds its ids? */
final class MemberValidation {
  private MemberValidation() {}

  static Optional<ErrorKind> validate(
      GroupDraft group, String memberId, Optional<String> groupInstanceId) {
    if (groupInstanceId.isPresent()) {
      String holder = group.staticMembers.get(groupInstanceId.get());
      if (holder != null && !holder.equals(memberId)) {
        return Optional.of(ErrorKind.FENCED_INSTANCE_ID);
      }
    }
    if (!group.members.containsKey(memberId)) {
      return Optional.of(ErrorKind.UNKNOWN_MEMBER_ID);
    }
    return Optional.empty();
  }
}
