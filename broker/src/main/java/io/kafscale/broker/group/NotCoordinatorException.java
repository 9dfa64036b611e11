/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * The group's coordinator partition is not (or no longer) owned here; the client must look the
 * coordinator up again (NOT_COORDINATOR).
 */
public final class NotCoordinatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotCoordinatorException(String groupId) {
    super("this broker is not the coordinator of group " + groupId, null, false, false);
  }
}
