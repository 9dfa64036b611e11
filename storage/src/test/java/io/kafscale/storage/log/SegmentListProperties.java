/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** SegmentList behaves like an immutable copy per version, whatever version is appended to. */
class SegmentListProperties {

  /**
   * Each step appends to one of the versions made so far (mostly the newest, as a log does; an
   * older one as after a failed or racing append) or trims one; every version must still equal the
   * plain list it stands for.
   */
  @Property(tries = 300)
  void everyVersionKeepsItsOwnElements(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 99) Integer> steps) {
    List<SegmentList> versions = new ArrayList<>(List.of(SegmentList.of()));
    List<List<SegmentRef>> models = new ArrayList<>(List.of(List.of()));
    int next = 0;
    for (int step : steps) {
      int from = step < 70 ? versions.size() - 1 : step % versions.size();
      SegmentList base = versions.get(from);
      List<SegmentRef> model = new ArrayList<>(models.get(from));
      if (step >= 95 && !model.isEmpty()) {
        int drop = step % (model.size() + 1);
        versions.add(SegmentList.copyOf(base.subList(drop, base.size())));
        models.add(List.copyOf(model.subList(drop, model.size())));
      } else {
        SegmentRef ref = ref(next++);
        versions.add(base.with(ref));
        model.add(ref);
        models.add(model);
      }
    }
    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i)).as("version %d", i).containsExactlyElementsOf(models.get(i));
      assertThat(versions.get(i)).isEqualTo(models.get(i));
    }
  }

  @Example
  void twoAppendsToTheSameVersionFromTwoThreadsEachGetTheirOwnElement() throws Exception {
    SegmentList base = SegmentList.of().with(ref(0)).with(ref(1)).with(ref(2));
    for (int round = 0; round < 200; round++) {
      CountDownLatch go = new CountDownLatch(1);
      SegmentRef a = ref(100 + round);
      SegmentRef b = ref(1000 + round);
      CompletableFuture<SegmentList> first =
          CompletableFuture.supplyAsync(() -> append(go, base, a));
      CompletableFuture<SegmentList> second =
          CompletableFuture.supplyAsync(() -> append(go, base, b));
      go.countDown();
      assertThat(first.get()).containsExactly(ref(0), ref(1), ref(2), a);
      assertThat(second.get()).containsExactly(ref(0), ref(1), ref(2), b);
    }
    assertThat(base).hasSize(3);
  }

  @Example
  void isImmutableAndRefusesNullsAndBadIndexes() {
    SegmentList list = SegmentList.of().with(ref(0));
    assertThatThrownBy(() -> list.add(ref(1))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.with(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(SegmentList.copyOf(list)).isSameAs(list);
  }

  @Example
  void logStateAppendsWithoutCopyingOlderStates() {
    LogState empty = new LogState(0, 0, List.of());
    LogState one = empty.withSegment(ref(0));
    LogState two = one.withSegment(ref(10));
    assertThat(one.segments()).containsExactly(ref(0));
    assertThat(two.segments()).containsExactly(ref(0), ref(10));
    assertThat(two.highWatermark()).isEqualTo(ref(10).nextOffset());
    assertThat(empty.segments()).isEmpty();
  }

  private static SegmentList append(CountDownLatch go, SegmentList base, SegmentRef ref) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return base.with(ref);
  }

  private static SegmentRef ref(int n) {
    return SegmentRef.flushed("k" + n, null, 0, 1, n * 10L, n * 10L + 9, 0, 1, 0, 0);
  }
}
