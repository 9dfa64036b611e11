/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.Objects;

/** One change seen by a watch: a PUT with the new key-value, or a DELETE (see {@link KeyValue}). */
public record WatchEvent(Type type, KeyValue kv) {
  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kv, "kv");
  }

  /** Kind of change. */
  public enum Type {
    PUT,
    DELETE
  }

  public long revision() {
    return kv.modRevision();
  }
}
