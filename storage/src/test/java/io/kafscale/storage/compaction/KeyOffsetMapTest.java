/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyOffsetMapTest {

  private static ByteBuffer key(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReturnTheLatestOffsetPutForEachKey() {
    // Given
    KeyOffsetMap map = new KeyOffsetMap(1 << 16);
    // When
    for (int i = 0; i < 1000; i++) {
      map.put(key("k" + (i % 100)), i);
    }
    // Then
    assertThat(map.size()).isEqualTo(100);
    assertThat(map.get(key("k7"))).isEqualTo(907);
    assertThat(map.get(key("missing"))).isEqualTo(-1);
    assertThat(map.get(ByteBuffer.allocate(0))).isEqualTo(-1);
  }

  @Test
  void shouldBoundItsKeysByMemoryAndRefuseNewKeysWhenFull() {
    // Given 10 slots of 24 bytes
    KeyOffsetMap map = new KeyOffsetMap(240);
    assertThat(map.capacity()).isEqualTo(9);
    for (int i = 0; i < 9; i++) {
      map.put(key("k" + i), i);
    }
    // When / Then: known keys still update, new ones are refused
    map.put(key("k3"), 99);
    assertThat(map.get(key("k3"))).isEqualTo(99);
    assertThatThrownBy(() -> map.put(key("new"), 100)).isInstanceOf(IllegalStateException.class);
  }
}
