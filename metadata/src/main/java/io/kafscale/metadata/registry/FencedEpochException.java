/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/** The stored leader epoch is not the writer's: another owner took over. */
public class FencedEpochException extends RuntimeException {
  public FencedEpochException(String message) {
    super(message);
  }
}
