/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Conversion between stored topic ids ({@link UUID}) and Kafka's {@link Uuid}. */
public final class TopicIds {
  private TopicIds() {}

  public static Uuid toKafka(UUID id) {
    return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  public static UUID fromKafka(Uuid id) {
    return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }
}
