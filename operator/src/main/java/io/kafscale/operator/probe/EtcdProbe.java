/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

import io.kafscale.metadata.etcd.EtcdConfig;

/**
 * Port: whether etcd answers at the given configuration. Implementations must be thread-safe.
 * Implementations holding connections learn which cluster uses which configuration ({@link
 * #checkFor}) and when a cluster is gone ({@link #release}), so they can close what nobody uses.
 */
@FunctionalInterface
public interface EtcdProbe {
  ProbeResult check(EtcdConfig config);

  /** As {@link #check}, on behalf of {@code cluster} (namespace/name), which now uses it. */
  default ProbeResult checkFor(String cluster, EtcdConfig config) {
    return check(config);
  }

  /** {@code cluster} was deleted: it no longer uses any configuration. */
  default void release(String cluster) {}
}
