/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

import io.kafscale.metadata.etcd.EtcdConfig;

/** Port: whether etcd answers at the given configuration. Implementations must be thread-safe. */
@FunctionalInterface
public interface EtcdProbe {
  ProbeResult check(EtcdConfig config);
}
