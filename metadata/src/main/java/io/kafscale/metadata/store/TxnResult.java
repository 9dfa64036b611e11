/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.List;
import java.util.Optional;

/**
 * Outcome of a {@link Txn}: whether the compares held, the store revision after it (the revision of
 * its writes if it wrote anything, as etcd's response header), and the results of the branch's
 * {@link Op.Get} ops in op order.
 */
public record TxnResult(boolean succeeded, long revision, List<Optional<KeyValue>> gets) {
  public TxnResult {
    gets = List.copyOf(gets);
  }

  public TxnResult(boolean succeeded, long revision) {
    this(succeeded, revision, List.of());
  }
}
