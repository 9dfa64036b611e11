/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import java.util.Objects;
import java.util.Optional;

/**
 * One ACL: a resource pattern and an entry. Only valid bindings ({@link #problem()} empty) are
 * stored. Immutable.
 */
public record AclBinding(ResourcePattern pattern, AclEntry entry) {
  public AclBinding {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(entry, "entry");
  }

  /**
   * Why Kafka would refuse to create this binding (answered as INVALID_REQUEST), empty when it is
   * valid.
   */
  public Optional<String> problem() {
    if (!pattern.type().isBindable()) {
      return Optional.of("invalid resource type " + pattern.type());
    }
    if (!pattern.patternType().isBindable()) {
      return Optional.of("invalid pattern type " + pattern.patternType());
    }
    if (pattern.name().isEmpty()) {
      return Optional.of("resource name must not be empty");
    }
    if (pattern.type() == AclResourceType.CLUSTER
        && !pattern.name().equals(AclResourceType.CLUSTER_NAME)) {
      return Optional.of(
          "the only valid name for the CLUSTER resource is " + AclResourceType.CLUSTER_NAME);
    }
    if (!entry.operation().isBindable()) {
      return Optional.of("invalid operation " + entry.operation());
    }
    if (!entry.permission().isBindable()) {
      return Optional.of("invalid permission type " + entry.permission());
    }
    int colon = entry.principal().indexOf(':');
    if (colon <= 0 || colon == entry.principal().length() - 1) {
      return Optional.of("principal must be type:name, got '" + entry.principal() + "'");
    }
    if (entry.host().isEmpty()) {
      return Optional.of("host must not be empty");
    }
    return Optional.empty();
  }
}
