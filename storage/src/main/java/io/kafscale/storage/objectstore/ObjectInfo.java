/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore;

/** One listed object: its key and size in bytes. */
public record ObjectInfo(String key, long size) {}
