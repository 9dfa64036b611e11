/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.etcd;

import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.registry.TopicRegistry;

/** Port: the topic registry of the cluster whose etcd is described by a configuration. */
@FunctionalInterface
public interface TopicRegistryProvider {
  TopicRegistry topics(EtcdConfig config);
}
