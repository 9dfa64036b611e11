/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore;

/** A conditional create found an object with the same key. */
public class ObjectAlreadyExistsException extends ObjectStoreException {
  public ObjectAlreadyExistsException(String message) {
    super(message);
  }

  public ObjectAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
