/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

/** A stored value could not be decoded as the message its key promises. */
public class CorruptValueException extends RuntimeException {
  public CorruptValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
