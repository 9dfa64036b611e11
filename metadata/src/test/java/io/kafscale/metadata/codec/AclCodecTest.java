/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import org.junit.jupiter.api.Test;

class AclCodecTest {

  @Test
  void shouldRoundTripEveryField() {
    // Given
    AclBinding binding =
        new AclBinding(
            ResourcePattern.prefixed(AclResourceType.GROUP, "team-"),
            new AclEntry("User:alice", "10.0.0.1", AclOperation.DESCRIBE, AclPermission.DENY));

    // When
    AclBinding decoded = AclCodec.decode(AclCodec.encode(binding));

    // Then
    assertThat(decoded).isEqualTo(binding);
  }

  @Test
  void shouldRejectStoredValueThatIsNotAValidBinding() {
    // Given: an all-defaults message has UNKNOWN types
    byte[] empty = new byte[0];

    // When / Then
    assertThatThrownBy(() -> AclCodec.decode(empty)).isInstanceOf(CorruptValueException.class);
  }
}
