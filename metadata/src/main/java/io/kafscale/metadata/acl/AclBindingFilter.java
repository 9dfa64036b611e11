/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.Objects;
import java.util.Optional;

/**
 * Selects bindings for DescribeAcls and DeleteAcls, with Kafka's {@code AclBindingFilter}
 * semantics: {@link AclResourceType#ANY}, {@link AclOperation#ANY} and {@link AclPermission#ANY}
 * match everything, a null name, principal or host matches any; pattern type {@link
 * AclPatternType#ANY} matches any pattern with exactly this name, {@link AclPatternType#MATCH}
 * every binding that applies to the named resource (literal name or {@code *}, or a prefix of it).
 * Immutable.
 */
public record AclBindingFilter(
    AclResourceType resourceType,
    String resourceName,
    AclPatternType patternType,
    String principal,
    String host,
    AclOperation operation,
    AclPermission permission) {

  public AclBindingFilter {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(patternType, "patternType");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(permission, "permission");
  }

  /** The filter matching every binding. */
  public static final AclBindingFilter ANY =
      new AclBindingFilter(
          AclResourceType.ANY,
          null,
          AclPatternType.ANY,
          null,
          null,
          AclOperation.ANY,
          AclPermission.ANY);

  /** Why Kafka refuses this filter (INVALID_REQUEST): an UNKNOWN element; empty when valid. */
  public Optional<String> problem() {
    if (resourceType == AclResourceType.UNKNOWN
        || patternType == AclPatternType.UNKNOWN
        || operation == AclOperation.UNKNOWN
        || permission == AclPermission.UNKNOWN) {
      return Optional.of("filter contains UNKNOWN elements");
    }
    return Optional.empty();
  }

  public boolean matches(AclBinding binding) {
    return matchesPattern(binding.pattern()) && matchesEntry(binding.entry());
  }

  private boolean matchesPattern(ResourcePattern pattern) {
    if (resourceType != AclResourceType.ANY && resourceType != pattern.type()) {
      return false;
    }
    if (patternType != AclPatternType.ANY
        && patternType != AclPatternType.MATCH
        && patternType != pattern.patternType()) {
      return false;
    }
    if (resourceName == null) {
      return true;
    }
    if (patternType == AclPatternType.ANY || patternType == pattern.patternType()) {
      return resourceName.equals(pattern.name());
    }
    return switch (pattern.patternType()) {
      case LITERAL ->
          resourceName.equals(pattern.name()) || pattern.name().equals(ResourcePattern.WILDCARD);
      case PREFIXED -> resourceName.startsWith(pattern.name());
      default -> false;
    };
  }

  private boolean matchesEntry(AclEntry entry) {
    return (principal == null || principal.equals(entry.principal()))
        && (host == null || host.equals(entry.host()))
        && (operation == AclOperation.ANY || operation == entry.operation())
        && (permission == AclPermission.ANY || permission == entry.permission());
  }
}
