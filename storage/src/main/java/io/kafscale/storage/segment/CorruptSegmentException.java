/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

/**
 * Segment or index bytes do not match the format (magic, version, sizes, footer or CRC). Unchecked:
 * the log layer maps it to a read failure.
 */
public final class CorruptSegmentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CorruptSegmentException(String message) {
    super(message);
  }
}
