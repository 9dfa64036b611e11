/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.probe;

import io.kafscale.operator.crd.KafscaleClusterSpec;

/** Port: whether the cluster's S3 bucket is reachable. Implementations must be thread-safe. */
@FunctionalInterface
public interface StorageProbe {
  ProbeResult check(KafscaleClusterSpec.S3 s3);
}
