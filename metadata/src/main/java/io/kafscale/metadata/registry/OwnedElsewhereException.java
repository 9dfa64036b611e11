/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/** A claim found the partition owned by another live broker. */
public final class OwnedElsewhereException extends RuntimeException {
  private final int ownerBrokerId;

  public OwnedElsewhereException(String message, int ownerBrokerId) {
    super(message);
    this.ownerBrokerId = ownerBrokerId;
  }

  /** The broker that holds the owner key. */
  public int ownerBrokerId() {
    return ownerBrokerId;
  }
}
