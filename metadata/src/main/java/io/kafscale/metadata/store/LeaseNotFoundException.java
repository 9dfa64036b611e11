/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

/** The lease does not exist: never granted, revoked or expired. */
public class LeaseNotFoundException extends MetadataStoreException {
  public LeaseNotFoundException(String message) {
    super(message);
  }

  public LeaseNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
