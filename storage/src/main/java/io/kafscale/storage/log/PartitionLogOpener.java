/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/** Opens partition logs that share one object store, committer, cache and set of threads. */
public interface PartitionLogOpener extends AutoCloseable {

  /** Opens the log of {@code id}, owned at {@code epoch}, continuing from {@code state}. */
  PartitionLog open(PartitionId id, int epoch, LogConfig config, RecoveredPartition state);

  /** Releases shared threads and caches (logs must be closed first). */
  @Override
  void close();
}
