/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/** The elected controller: the broker id and process incarnation that hold the controller key. */
public record ControllerRecord(int brokerId, String incarnation) {
  public ControllerRecord {
    Objects.requireNonNull(incarnation, "incarnation");
  }
}
