/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/**
 * What a broker writes its lease-bound keys with: its broker id, the random incarnation of this
 * process start, and the lease those keys are attached to (they vanish when it expires).
 */
public record BrokerSession(int brokerId, String incarnation, long leaseId) {
  public BrokerSession {
    Objects.requireNonNull(incarnation, "incarnation");
  }

  /** The owner record this session writes when it claims a partition at {@code epoch}. */
  public OwnerRecord owner(int epoch) {
    return new OwnerRecord(brokerId, epoch, incarnation);
  }

  public ControllerRecord controller() {
    return new ControllerRecord(brokerId, incarnation);
  }
}
