/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

/**
 * Kafka's ACL permission types with their wire codes ({@code AclPermissionType}); {@link #ANY} only
 * in filters. Immutable.
 */
public enum AclPermission {
  UNKNOWN(0),
  ANY(1),
  DENY(2),
  ALLOW(3);

  private final byte code;

  AclPermission(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  public boolean isBindable() {
    return this == DENY || this == ALLOW;
  }

  public static AclPermission fromCode(byte code) {
    for (AclPermission p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    return UNKNOWN;
  }
}
