/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operations Kafka reports in {@code authorized_operations} fields per resource type, and their
 * bit field encoding (bit {@code code} set per allowed operation). Pure.
 */
public final class AuthorizedOperations {
  /** Kafka's value for "not requested": {@code Integer.MIN_VALUE}. */
  public static final int NOT_REQUESTED = Integer.MIN_VALUE;

  private static final Set<AclOperation> TOPIC =
      EnumSet.of(
          AclOperation.READ,
          AclOperation.WRITE,
          AclOperation.CREATE,
          AclOperation.DELETE,
          AclOperation.ALTER,
          AclOperation.DESCRIBE,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.ALTER_CONFIGS);
  private static final Set<AclOperation> GROUP =
      EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE);
  private static final Set<AclOperation> CLUSTER =
      EnumSet.of(
          AclOperation.CREATE,
          AclOperation.CLUSTER_ACTION,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.ALTER_CONFIGS,
          AclOperation.IDEMPOTENT_WRITE,
          AclOperation.ALTER,
          AclOperation.DESCRIBE);

  private AuthorizedOperations() {}

  /** The operations that can be granted on resources of {@code type}. */
  public static Set<AclOperation> supported(AclResourceType type) {
    return switch (type) {
      case TOPIC -> TOPIC;
      case GROUP -> GROUP;
      case CLUSTER -> CLUSTER;
      case TRANSACTIONAL_ID -> EnumSet.of(AclOperation.DESCRIBE, AclOperation.WRITE);
      default -> Set.of();
    };
  }

  /** The bit field of what {@code principal} may do on the resource. */
  public static int of(
      Authorizer authorizer,
      KafkaPrincipal principal,
      String host,
      AclResourceType type,
      String name) {
    int bits = 0;
    for (AclOperation op :
        authorizer.authorizedOperations(principal, host, type, name, supported(type))) {
      bits |= 1 << op.code();
    }
    return bits;
  }
}
