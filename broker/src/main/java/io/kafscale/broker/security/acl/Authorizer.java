/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.Set;

/**
 * Port the API handlers consult before acting on a resource: may {@code principal}, connected from
 * {@code host}, perform {@code operation} on the resource? Implementations must be thread-safe and
 * non-blocking (answers come from memory).
 */
public interface Authorizer {

  /** Whether {@code principal} may perform {@code operation} on {@code type}/{@code name}. */
  boolean authorize(
      KafkaPrincipal principal,
      String host,
      AclOperation operation,
      AclResourceType type,
      String name);

  /**
   * Whether {@code principal} may perform {@code operation} on at least one resource of {@code
   * type} (Kafka's {@code authorizeByResourceType}, e.g. idempotent produce needs WRITE on some
   * topic).
   */
  boolean authorizeAny(
      KafkaPrincipal principal, String host, AclOperation operation, AclResourceType type);

  /**
   * Which of {@code candidates} {@code principal} may perform on the resource (for the {@code
   * authorized_operations} fields).
   */
  default Set<AclOperation> authorizedOperations(
      KafkaPrincipal principal,
      String host,
      AclResourceType type,
      String name,
      Set<AclOperation> candidates) {
    Set<AclOperation> allowed = java.util.EnumSet.noneOf(AclOperation.class);
    for (AclOperation op : candidates) {
      if (authorize(principal, host, op, type, name)) {
        allowed.add(op);
      }
    }
    return allowed;
  }
}
