/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

/**
 * Kafka's resource pattern types with their wire codes ({@code PatternType}): a binding is {@link
 * #LITERAL} (the name, or {@code *} for every resource of the type) or {@link #PREFIXED} (every
 * resource whose name starts with it). Filters may also use {@link #ANY} (any pattern type, exact
 * name) and {@link #MATCH} (every binding that would apply to the named resource). Immutable.
 */
public enum AclPatternType {
  UNKNOWN(0),
  ANY(1),
  MATCH(2),
  LITERAL(3),
  PREFIXED(4);

  private final byte code;

  AclPatternType(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** Whether a binding may carry this pattern type. */
  public boolean isBindable() {
    return this == LITERAL || this == PREFIXED;
  }

  public static AclPatternType fromCode(byte code) {
    for (AclPatternType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
