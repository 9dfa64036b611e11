/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import io.kafscale.metadata.store.KeyValue;

/** A key-value as held by the engine, with the lease it is attached to (0 = none). */
public record StoredEntry(KeyValue kv, long leaseId) {}
