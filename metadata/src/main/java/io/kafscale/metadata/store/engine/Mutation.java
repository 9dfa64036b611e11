/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A resolved change to one key, the unit the engine applies and the embedded store logs: prefix
 * deletes are already expanded to concrete keys, so replaying mutations is deterministic.
 */
public sealed interface Mutation {

  String key();

  /** Set the key (lease 0 = none). */
  record Put(String key, byte[] value, long leaseId) implements Mutation {
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
  }

  /** Remove the key. */
  record Delete(String key) implements Mutation {
    public Delete {
      Objects.requireNonNull(key, "key");
    }
  }
}
