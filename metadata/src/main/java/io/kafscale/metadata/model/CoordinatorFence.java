/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/**
 * A group coordinator's right to write: it owns partition {@code partition} of the internal
 * coordinator topic {@code topic} at leader epoch {@code epoch} under {@code session}. Writes
 * compare that partition's owner key with {@code session.owner(epoch)}.
 */
public record CoordinatorFence(String topic, int partition, BrokerSession session, int epoch) {
  public CoordinatorFence {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(session, "session");
  }
}
