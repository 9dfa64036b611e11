/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Objects;

/**
 * One assignment protocol a member supports (e.g. {@code range}, {@code cooperative-sticky}) with
 * the member's subscription metadata for it, opaque to the coordinator.
 */
public record Protocol(String name, Bytes metadata) {
  public Protocol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metadata, "metadata");
  }
}
