/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compares and writes of one segment replacement (log compaction), validated to fit a single
 * etcd transaction: {@code compares} check each removed segment key still holds the exact value
 * being replaced; {@code writes} delete the removed keys no added segment re-uses and put the added
 * segments. etcd rejects a put and a delete of the same key in one transaction, hence the overwrite
 * of re-used keys. {@code puts} (key → encoded added segment) and {@code deletes} (removed keys no
 * added segment re-uses) describe the state the replacement leaves, so that a retry can recognise
 * it already happened. Pure and immutable.
 */
record SegmentReplacement(
    List<Compare> compares, List<Op> writes, Map<String, byte[]> puts, List<String> deletes) {
  /** etcd's default {@code --max-txn-ops}: compares and each branch's ops are counted apiece. */
  static final int MAX_TXN_OPS = 128;

  /** Fencing compares (state revision, owner value) that every partition write carries. */
  static final int FENCING_COMPARES = 2;

  /** Key of segment {@code baseOffset} of the partition being changed. */
  interface SegmentKeys {
    String of(long baseOffset);
  }

  static SegmentReplacement of(
      List<SegmentRecord> removed, List<SegmentRecord> added, SegmentKeys keys) {
    validate(removed, added);
    Set<String> addedKeys = new LinkedHashSet<>();
    List<Op> writes = new ArrayList<>();
    for (SegmentRecord s : added) {
      addedKeys.add(keys.of(s.baseOffset()));
    }
    List<Compare> compares = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (SegmentRecord s : removed) {
      String key = keys.of(s.baseOffset());
      compares.add(Compare.valueEquals(key, ProtoCodec.encodeSegment(s)));
      if (!addedKeys.contains(key)) {
        writes.add(Op.delete(key));
        deletes.add(key);
      }
    }
    Map<String, byte[]> puts = new LinkedHashMap<>();
    for (SegmentRecord s : added) {
      byte[] value = ProtoCodec.encodeSegment(s);
      writes.add(Op.put(keys.of(s.baseOffset()), value));
      puts.put(keys.of(s.baseOffset()), value);
    }
    if (compares.size() + FENCING_COMPARES > MAX_TXN_OPS || writes.size() > MAX_TXN_OPS) {
      throw new IllegalArgumentException(
          "replacing "
              + removed.size()
              + " segments with "
              + added.size()
              + " does not fit one transaction of "
              + MAX_TXN_OPS
              + " ops");
    }
    return new SegmentReplacement(
        List.copyOf(compares),
        List.copyOf(writes),
        Collections.unmodifiableMap(puts),
        List.copyOf(deletes));
  }

  private static void validate(List<SegmentRecord> removed, List<SegmentRecord> added) {
    if (removed.isEmpty()) {
      throw new IllegalArgumentException("nothing to replace");
    }
    checkAscending(removed, "removed");
    checkAscending(added, "added");
    long first = removed.getFirst().baseOffset();
    long last = removed.getLast().lastOffset();
    if (!added.isEmpty()
        && (added.getFirst().baseOffset() < first || added.getLast().lastOffset() > last)) {
      throw new IllegalArgumentException(
          "added segments leave the replaced offsets [" + first + ", " + last + "]");
    }
  }

  private static void checkAscending(List<SegmentRecord> segments, String what) {
    for (int i = 0; i < segments.size(); i++) {
      SegmentRecord s = segments.get(i);
      if (s.lastOffset() < s.baseOffset()
          || (i > 0 && s.baseOffset() <= segments.get(i - 1).lastOffset())) {
        throw new IllegalArgumentException(
            what + " segments are not oldest first without overlaps at " + s.baseOffset());
      }
    }
  }
}
