/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable list of segment references that appends in amortized constant time: a partition's
 * log commits one segment per flush and keeps every segment until retention, so copying the whole
 * list per commit would cost time and garbage in proportion to the log's age.
 *
 * <p>Lists made by {@link #with} from one another share one array. Each list sees only its own
 * {@code size} elements. An append writes in place when the list is the longest one on the array
 * (it claims the next slot atomically, so of two appends to the same list only one writes in place
 * and the other copies); otherwise, or when the array is full, it copies into a larger one. A
 * reader of an older list never reads past its own size, and a newer list is handed to readers
 * (through a volatile field or another safe publication) only after its slot was written.
 */
final class SegmentList extends AbstractList<SegmentRef> implements RandomAccess {
  private static final SegmentList EMPTY = new SegmentList(new Shared(new SegmentRef[0], 0), 0);

  /** The array and how many of its slots some list already uses. */
  private record Shared(SegmentRef[] refs, AtomicInteger used) {
    Shared(SegmentRef[] refs, int used) {
      this(refs, new AtomicInteger(used));
    }
  }

  private final Shared shared;
  private final int size;

  private SegmentList(Shared shared, int size) {
    this.shared = shared;
    this.size = size;
  }

  static SegmentList of() {
    return EMPTY;
  }

  /** {@code refs} as a segment list (itself when it is one already); nulls are refused. */
  static SegmentList copyOf(Collection<SegmentRef> refs) {
    if (refs instanceof SegmentList list) {
      return list;
    }
    SegmentRef[] copy = refs.toArray(SegmentRef[]::new);
    for (SegmentRef ref : copy) {
      Objects.requireNonNull(ref, "segment ref");
    }
    return new SegmentList(new Shared(copy, copy.length), copy.length);
  }

  /** This list with {@code ref} appended; this list is unchanged. */
  SegmentList with(SegmentRef ref) {
    Objects.requireNonNull(ref, "segment ref");
    SegmentRef[] refs = shared.refs();
    if (size < refs.length && shared.used().compareAndSet(size, size + 1)) {
      refs[size] = ref;
      return new SegmentList(shared, size + 1);
    }
    SegmentRef[] grown = new SegmentRef[Math.max(8, size * 2)];
    System.arraycopy(refs, 0, grown, 0, size);
    grown[size] = ref;
    return new SegmentList(new Shared(grown, size + 1), size + 1);
  }

  @Override
  public SegmentRef get(int index) {
    Objects.checkIndex(index, size);
    return shared.refs()[index];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public List<SegmentRef> subList(int fromIndex, int toIndex) {
    // A copy, not a view: a trimmed log must not keep the references it dropped reachable.
    Objects.checkFromToIndex(fromIndex, toIndex, size);
    SegmentRef[] part = Arrays.copyOfRange(shared.refs(), fromIndex, toIndex);
    return new SegmentList(new Shared(part, part.length), part.length);
  }
}
