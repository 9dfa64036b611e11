/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.ArrayList;
import java.util.List;

/**
 * An etcd-style transaction: if all {@code compares} hold, {@code onSuccess} runs, else {@code
 * onFailure}. Immutable. Build with {@link #builder()}.
 */
public record Txn(List<Compare> compares, List<Op> onSuccess, List<Op> onFailure) {
  public Txn {
    compares = List.copyOf(compares);
    onSuccess = List.copyOf(onSuccess);
    onFailure = List.copyOf(onFailure);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder of a {@link Txn}; not thread-safe. */
  public static final class Builder {
    private final List<Compare> compares = new ArrayList<>();
    private final List<Op> onSuccess = new ArrayList<>();
    private final List<Op> onFailure = new ArrayList<>();

    private Builder() {}

    public Builder when(Compare compare) {
      compares.add(compare);
      return this;
    }

    public Builder then(Op op) {
      onSuccess.add(op);
      return this;
    }

    public Builder otherwise(Op op) {
      onFailure.add(op);
      return this;
    }

    public Txn build() {
      return new Txn(compares, onSuccess, onFailure);
    }
  }
}
