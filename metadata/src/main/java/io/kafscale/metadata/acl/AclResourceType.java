/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.Optional;

/**
 * Kafka's ACL resource types with their wire codes ({@code org.apache.kafka.common.resource
 * .ResourceType}). {@link #ANY} only appears in filters; {@link #UNKNOWN} is what an unknown code
 * reads as. Immutable.
 */
public enum AclResourceType {
  UNKNOWN(0),
  ANY(1),
  TOPIC(2),
  GROUP(3),
  CLUSTER(4),
  TRANSACTIONAL_ID(5),
  DELEGATION_TOKEN(6),
  USER(7);

  /** The only name a CLUSTER resource can have (Kafka's {@code kafka-cluster}). */
  public static final String CLUSTER_NAME = "kafka-cluster";

  private final byte code;

  AclResourceType(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** Whether a binding may name this type (a concrete type this broker authorizes). */
  public boolean isBindable() {
    return this == TOPIC || this == GROUP || this == CLUSTER || this == TRANSACTIONAL_ID;
  }

  /** The type of {@code code}; {@link #UNKNOWN} for codes Kafka does not define. */
  public static AclResourceType fromCode(byte code) {
    return byCode(code).orElse(UNKNOWN);
  }

  private static Optional<AclResourceType> byCode(byte code) {
    for (AclResourceType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
