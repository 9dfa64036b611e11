/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.network.ResponseOrderer.Slot;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ResponseOrdererTest {

  @Test
  void shouldReleaseNothingUntilTheOldestSlotCompletes() {
    // Given
    ResponseOrderer<String> orderer = new ResponseOrderer<>();
    Slot<String> first = orderer.add(10);
    Slot<String> second = orderer.add(20);
    Slot<String> third = orderer.add(30);

    // When
    orderer.complete(third, "c");
    orderer.complete(second, "b");

    // Then
    assertThat(orderer.pollReady()).isEmpty();
    assertThat(orderer.pendingBytes()).isEqualTo(60);

    // When
    orderer.complete(first, "a");

    // Then
    assertThat(orderer.pollReady()).extracting(Slot::outcome).containsExactly("a", "b", "c");
    assertThat(orderer.pendingBytes()).isZero();
    assertThat(orderer.size()).isZero();
  }

  @Test
  void shouldStopReleasingAtTheFirstIncompleteSlot() {
    // Given
    ResponseOrderer<String> orderer = new ResponseOrderer<>();
    Slot<String> first = orderer.add(1);
    orderer.add(2);
    Slot<String> third = orderer.add(4);
    orderer.complete(first, "a");
    orderer.complete(third, "c");

    // When
    List<Slot<String>> ready = orderer.pollReady();

    // Then
    assertThat(ready).extracting(Slot::outcome).containsExactly("a");
    assertThat(orderer.pendingBytes()).isEqualTo(6);
  }

  @Test
  void shouldRejectCompletingASlotTwice() {
    // Given
    ResponseOrderer<String> orderer = new ResponseOrderer<>();
    Slot<String> slot = orderer.add(1);
    orderer.complete(slot, "a");

    // When / Then
    assertThatThrownBy(() -> orderer.complete(slot, "b")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldDropEverySlotOnClear() {
    // Given
    ResponseOrderer<String> orderer = new ResponseOrderer<>();
    orderer.add(5);
    orderer.add(7);

    // When
    List<Slot<String>> dropped = orderer.clear();

    // Then
    assertThat(dropped).hasSize(2);
    assertThat(orderer.pendingBytes()).isZero();
    assertThat(orderer.pollReady()).isEmpty();
  }

  @Property
  void shouldReleaseInRequestOrderWhateverTheCompletionOrder(
      @ForAll @IntRange(min = 1, max = 30) int count, @ForAll long seed) {
    // Given
    ResponseOrderer<Integer> orderer = new ResponseOrderer<>();
    List<Slot<Integer>> slots = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.add(orderer.add(1));
    }
    List<Integer> completionOrder =
        new java.util.ArrayList<>(java.util.stream.IntStream.range(0, count).boxed().toList());
    java.util.Collections.shuffle(completionOrder, new java.util.Random(seed));

    // When
    List<Integer> released = new java.util.ArrayList<>();
    for (int index : completionOrder) {
      orderer.complete(slots.get(index), index);
      orderer.pollReady().forEach(slot -> released.add(slot.outcome()));
    }

    // Then
    assertThat(released).isEqualTo(java.util.stream.IntStream.range(0, count).boxed().toList());
    assertThat(orderer.pendingBytes()).isZero();
  }
}
