/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.frame;

/** A frame's length prefix exceeds the configured maximum; the connection is closed. */
public class FrameTooLargeException extends RuntimeException {
  public FrameTooLargeException(String message) {
    super(message);
  }
}
