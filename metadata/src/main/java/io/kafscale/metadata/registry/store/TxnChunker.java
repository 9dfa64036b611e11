/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a list of write ops into chunks that each fit one transaction beside a few compares: at
 * most {@code maxOps} ops and, unless a single op is larger, at most {@code maxBytes} of keys and
 * values (etcd refuses requests above ~1.5 MiB). Order is kept. Pure.
 */
final class TxnChunker {
  private TxnChunker() {}

  static List<List<Op>> chunk(List<Op> ops, int maxOps, int maxBytes) {
    if (maxOps < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    List<List<Op>> chunks = new ArrayList<>();
    List<Op> current = new ArrayList<>();
    long bytes = 0;
    for (Op op : ops) {
      int size = sizeOf(op);
      if (!current.isEmpty() && (current.size() == maxOps || bytes + size > maxBytes)) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(op);
      bytes += size;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /** Approximate request bytes of one op: its key and value (UTF-16 length bounds ASCII keys). */
  static int sizeOf(Op op) {
    return switch (op) {
      case Op.Put p -> p.key().length() + p.value().length;
      case Op.Delete d -> d.key().length();
      case Op.DeletePrefix d -> d.prefix().length();
      case Op.Get g -> g.key().length();
    };
  }
}
