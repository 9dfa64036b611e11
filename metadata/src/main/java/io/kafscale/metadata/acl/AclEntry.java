/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.Objects;

/**
 * Who may (or may not) do what from where: a principal ({@code type:name}, {@code User:*} for every
 * user), a host ({@code *} for every host), an operation and ALLOW or DENY. Immutable.
 */
public record AclEntry(
    String principal, String host, AclOperation operation, AclPermission permission) {
  /** The principal that matches every user principal. */
  public static final String WILDCARD_PRINCIPAL = "User:*";

  /** The host that matches every host. */
  public static final String WILDCARD_HOST = "*";

  public AclEntry {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(permission, "permission");
  }
}
