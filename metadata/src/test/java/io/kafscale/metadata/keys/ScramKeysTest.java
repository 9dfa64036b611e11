/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keys of SCRAM credentials. */
class ScramKeysTest {
  private final KeyLayout keys = KeyLayout.defaults();

  @Test
  void shouldEscapeUserNamesIntoOneKeySegmentAndBack() {
    // When
    String key = keys.scramCredential("CN=alice/ou 1%", "SCRAM-SHA-512");

    // Then
    assertThat(key).isEqualTo("/kafscale/scram/CN=alice%2Fou%201%25/SCRAM-SHA-512");
    assertThat(key).startsWith(keys.scramPrefix("CN=alice/ou 1%")).startsWith(keys.scramPrefix());
    assertThat(keys.userOfScramKey(key)).isEqualTo("CN=alice/ou 1%");
    assertThat(keys.mechanismOfScramKey(key)).isEqualTo("SCRAM-SHA-512");
  }

  @Test
  void shouldRejectEmptyUsersBadMechanismsAndForeignKeys() {
    assertThatThrownBy(() -> keys.scramCredential("", "SCRAM-SHA-256"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.scramCredential("alice", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.userOfScramKey(keys.group("g")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.userOfScramKey(keys.scramPrefix() + "alice"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
