/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

/**
 * A registered prefix watch; closing it stops delivery (an in-flight delivery may still finish).
 */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
