/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import java.util.Objects;
import java.util.Set;

/**
 * Authorization settings: whether ACLs are enforced ({@code KAFSCALE_AUTHORIZER_ENABLED}), the
 * super users allowed everything ({@code KAFSCALE_SUPER_USERS}, Kafka's {@code super.users}) and
 * whether a resource no ACL matches is open to everyone ({@code
 * KAFSCALE_ALLOW_EVERYONE_IF_NO_ACL_FOUND}, Kafka's {@code allow.everyone.if.no.acl.found}).
 * Immutable.
 */
public record AuthorizerConfig(
    boolean enabled, Set<KafkaPrincipal> superUsers, boolean allowEveryoneIfNoAclFound) {

  public AuthorizerConfig {
    superUsers = Set.copyOf(Objects.requireNonNull(superUsers, "superUsers"));
  }

  /** Authorization off: every request is served as without ACLs. */
  public static AuthorizerConfig disabled() {
    return new AuthorizerConfig(false, Set.of(), false);
  }

  /**
   * Parses Kafka's {@code super.users} syntax: principals separated by semicolons (names may hold
   * commas), blanks ignored.
   *
   * @throws IllegalArgumentException naming the first entry that is not {@code type:name}
   */
  public static Set<KafkaPrincipal> parseSuperUsers(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    java.util.Set<KafkaPrincipal> users = new java.util.LinkedHashSet<>();
    for (String part : list.split(";")) {
      if (!part.isBlank()) {
        users.add(KafkaPrincipal.parse(part.trim()));
      }
    }
    return users;
  }
}
