/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

/**
 * A watch asked for a revision older than the history the store retains; re-read and watch from
 * now.
 */
public class CompactedRevisionException extends MetadataStoreException {
  public CompactedRevisionException(String message) {
    super(message);
  }

  public CompactedRevisionException(String message, Throwable cause) {
    super(message, cause);
  }
}
