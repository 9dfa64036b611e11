/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

/** The store failed or is closed; the operation's outcome is unknown unless stated. */
public class MetadataStoreException extends RuntimeException {
  public MetadataStoreException(String message) {
    super(message);
  }

  public MetadataStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
