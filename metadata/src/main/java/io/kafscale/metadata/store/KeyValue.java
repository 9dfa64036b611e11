/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stored key with its value and the revisions that created and last modified it (etcd's {@code
 * create_revision} and {@code mod_revision}). The value array is owned by this record once passed
 * in: nobody may mutate it. For a DELETE watch event the value is empty, {@code createRevision} is
 * 0 and {@code modRevision} is the deleting revision.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue kv
        && key.equals(kv.key)
        && Arrays.equals(value, kv.value)
        && createRevision == kv.createRevision
        && modRevision == kv.modRevision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), createRevision, modRevision);
  }

  @Override
  public String toString() {
    return "KeyValue[key="
        + key
        + ", value="
        + value.length
        + " bytes, createRevision="
        + createRevision
        + ", modRevision="
        + modRevision
        + "]";
  }

  /** The value decoded as UTF-8 (tests and diagnostics). */
  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }
}
