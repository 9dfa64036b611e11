/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.List;

/**
 * What one {@link PartitionLog#compact} did: the segments it replaced (their objects are garbage
 * once readers are done: the caller deletes them after a delay), the compacted segments that took
 * their place, and the records read and kept. Immutable.
 */
public record CompactionResult(
    List<SegmentRef> replaced, List<SegmentRef> added, long recordsRead, long recordsKept) {

  public CompactionResult {
    replaced = List.copyOf(replaced);
    added = List.copyOf(added);
  }

  /** Nothing was due. */
  public static CompactionResult none() {
    return new CompactionResult(List.of(), List.of(), 0, 0);
  }

  public boolean compacted() {
    return !replaced.isEmpty();
  }

  public long bytesBefore() {
    return replaced.stream().mapToLong(SegmentRef::length).sum();
  }

  public long bytesAfter() {
    return added.stream().mapToLong(SegmentRef::length).sum();
  }
}
