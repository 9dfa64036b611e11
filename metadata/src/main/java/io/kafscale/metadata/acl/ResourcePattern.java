/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.Objects;

/**
 * What a binding applies to: a resource type, a name (or {@code *}: every resource of the type,
 * literal only) and how the name matches. Immutable; validated by {@link AclBinding#problem()}.
 */
public record ResourcePattern(AclResourceType type, String name, AclPatternType patternType) {
  /** The literal name standing for every resource of a type. */
  public static final String WILDCARD = "*";

  public ResourcePattern {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(patternType, "patternType");
  }

  public static ResourcePattern literal(AclResourceType type, String name) {
    return new ResourcePattern(type, name, AclPatternType.LITERAL);
  }

  public static ResourcePattern prefixed(AclResourceType type, String prefix) {
    return new ResourcePattern(type, prefix, AclPatternType.PREFIXED);
  }

  /** Whether this pattern applies to the resource {@code type}/{@code resourceName}. */
  public boolean appliesTo(AclResourceType resourceType, String resourceName) {
    if (type != resourceType) {
      return false;
    }
    return switch (patternType) {
      case LITERAL -> name.equals(WILDCARD) || name.equals(resourceName);
      case PREFIXED -> resourceName.startsWith(name);
      default -> false;
    };
  }
}
