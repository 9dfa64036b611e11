/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import java.util.concurrent.CompletableFuture;

/** Hands out producer ids that are never reused, even across restarts (blocks reserved by CAS). */
public interface ProducerIdAllocator {
  CompletableFuture<Long> nextProducerId();
}
