/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.Arrays;
import java.util.Objects;

/** A condition of a {@link Txn}, evaluated against the store state before the transaction. */
public sealed interface Compare {

  /** The key that the condition reads. */
  String key();

  /**
   * Holds when the key's mod revision equals {@code modRevision} (0 holds when the key is absent,
   * as in etcd).
   */
  record ModRevisionEquals(String key, long modRevision) implements Compare {
    public ModRevisionEquals {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Holds when the key does not exist. */
  record Absent(String key) implements Compare {
    public Absent {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Holds when the key exists and its value equals {@code value} byte for byte. */
  record ValueEquals(String key, byte[] value) implements Compare {
    public ValueEquals {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ValueEquals v && key.equals(v.key) && Arrays.equals(value, v.value);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "ValueEquals[key=" + key + ", value=" + value.length + " bytes]";
    }
  }

  static Compare modRevisionEquals(String key, long modRevision) {
    return new ModRevisionEquals(key, modRevision);
  }

  static Compare absent(String key) {
    return new Absent(key);
  }

  static Compare valueEquals(String key, byte[] value) {
    return new ValueEquals(key, value);
  }
}
