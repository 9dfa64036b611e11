/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/** This broker no longer owns the partition at the epoch it writes with. */
public class FencedException extends RuntimeException {
  public FencedException(String message) {
    super(message);
  }
}
