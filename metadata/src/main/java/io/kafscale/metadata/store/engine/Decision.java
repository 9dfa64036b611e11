/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import io.kafscale.metadata.store.KeyValue;
import java.util.List;
import java.util.Optional;

/** What a transaction will do, decided against the current state but not yet applied. */
public record Decision(boolean succeeded, List<Mutation> mutations, List<Optional<KeyValue>> gets) {
  public Decision {
    mutations = List.copyOf(mutations);
    gets = List.copyOf(gets);
  }
}
