/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.Arrays;
import java.util.Objects;

/** One operation of a {@link Txn} branch; ops run in order and see the effects of earlier ops. */
public sealed interface Op {

  /**
   * Sets {@code key} to {@code value}; {@code leaseId} 0 means no lease, else the key dies with the
   * lease.
   */
  record Put(String key, byte[] value, long leaseId) implements Op {
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Put p
          && key.equals(p.key)
          && Arrays.equals(value, p.value)
          && leaseId == p.leaseId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, Arrays.hashCode(value), leaseId);
    }

    @Override
    public String toString() {
      return "Put[key=" + key + ", value=" + value.length + " bytes, leaseId=" + leaseId + "]";
    }
  }

  /** Deletes {@code key} if it exists. */
  record Delete(String key) implements Op {
    public Delete {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Deletes every key starting with {@code prefix}. */
  record DeletePrefix(String prefix) implements Op {
    public DeletePrefix {
      Objects.requireNonNull(prefix, "prefix");
    }
  }

  /** Reads {@code key}; its result is added to {@link TxnResult#gets()} in op order. */
  record Get(String key) implements Op {
    public Get {
      Objects.requireNonNull(key, "key");
    }
  }

  static Op put(String key, byte[] value) {
    return new Put(key, value, 0);
  }

  static Op put(String key, byte[] value, long leaseId) {
    return new Put(key, value, leaseId);
  }

  static Op delete(String key) {
    return new Delete(key);
  }

  static Op deletePrefix(String prefix) {
    return new DeletePrefix(prefix);
  }

  static Op get(String key) {
    return new Get(key);
  }
}
