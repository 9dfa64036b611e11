/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.EnumSet;
import java.util.Set;

/**
 * Kafka's ACL operations with their wire codes ({@code AclOperation}). {@link #ANY} only in
 * filters; {@link #ALL} in a binding stands for every operation. The operations an ALLOW grants
 * besides itself follow Kafka's authorizers: READ, WRITE, DELETE and ALTER imply DESCRIBE, and
 * ALTER_CONFIGS implies DESCRIBE_CONFIGS ({@link #allowedBy}); a DENY denies only its own operation
 * (or every one for ALL). Immutable.
 */
public enum AclOperation {
  UNKNOWN(0),
  ANY(1),
  ALL(2),
  READ(3),
  WRITE(4),
  CREATE(5),
  DELETE(6),
  ALTER(7),
  DESCRIBE(8),
  CLUSTER_ACTION(9),
  DESCRIBE_CONFIGS(10),
  ALTER_CONFIGS(11),
  IDEMPOTENT_WRITE(12),
  CREATE_TOKENS(13),
  DESCRIBE_TOKENS(14),
  TWO_PHASE_COMMIT(15);

  private final byte code;

  AclOperation(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** Whether a binding may carry this operation. */
  public boolean isBindable() {
    return this != UNKNOWN && this != ANY;
  }

  /**
   * The binding operations whose ALLOW grants {@code this} (itself, ALL, and the implying ones).
   */
  public Set<AclOperation> allowedBy() {
    EnumSet<AclOperation> ops = EnumSet.of(this, ALL);
    if (this == DESCRIBE) {
      ops.addAll(EnumSet.of(READ, WRITE, DELETE, ALTER));
    } else if (this == DESCRIBE_CONFIGS) {
      ops.add(ALTER_CONFIGS);
    }
    return ops;
  }

  /** The binding operations whose DENY refuses {@code this} (itself and ALL). */
  public Set<AclOperation> deniedBy() {
    return EnumSet.of(this, ALL);
  }

  public static AclOperation fromCode(byte code) {
    for (AclOperation o : values()) {
      if (o.code == code) {
        return o;
      }
    }
    return UNKNOWN;
  }
}
