/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's authorization decision over one immutable set of ACL bindings (the matcher of {@code
 * StandardAuthorizer}): super users are allowed everything; otherwise the bindings whose pattern
 * applies to the resource (literal name, literal {@code *}, or a prefix of the name) decide, and
 * when none applies the answer is {@code allowEveryoneIfNoAclFound}. Among them a DENY of the
 * operation (or ALL) for the principal (or {@code User:*}) from the host (or {@code *}) beats any
 * ALLOW; an ALLOW counts when its operation is the requested one, ALL, or implies it (READ, WRITE,
 * DELETE, ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS). Pure, immutable and
 * thread-safe.
 */
public final class AclRules implements Authorizer {
  /** Resource name Kafka's authorizeByResourceType probes to honour super users and defaults. */
  private static final String PROBE_NAME = "hardcode";

  private final Map<AclResourceType, List<AclBinding>> byType;
  private final Set<KafkaPrincipal> superUsers;
  private final boolean allowEveryoneIfNoAclFound;

  public AclRules(Collection<AclBinding> bindings, AuthorizerConfig config) {
    Map<AclResourceType, List<AclBinding>> grouped = new EnumMap<>(AclResourceType.class);
    for (AclBinding b : bindings) {
      grouped.computeIfAbsent(b.pattern().type(), t -> new ArrayList<>()).add(b);
    }
    grouped.replaceAll((t, list) -> List.copyOf(list));
    this.byType = grouped;
    this.superUsers = config.superUsers();
    this.allowEveryoneIfNoAclFound = config.allowEveryoneIfNoAclFound();
  }

  @Override
  public boolean authorize(
      KafkaPrincipal principal,
      String host,
      AclOperation operation,
      AclResourceType type,
      String name) {
    if (superUsers.contains(principal)) {
      return true;
    }
    boolean anyApplies = false;
    boolean allowed = false;
    for (AclBinding b : byType.getOrDefault(type, List.of())) {
      if (!b.pattern().appliesTo(type, name)) {
        continue;
      }
      anyApplies = true;
      AclEntry e = b.entry();
      if (!appliesTo(e, principal, host)) {
        continue;
      }
      if (e.permission() == AclPermission.DENY && operation.deniedBy().contains(e.operation())) {
        return false;
      }
      if (e.permission() == AclPermission.ALLOW && operation.allowedBy().contains(e.operation())) {
        allowed = true;
      }
    }
    return anyApplies ? allowed : allowEveryoneIfNoAclFound;
  }

  /**
   * Kafka's {@code authorizeByResourceType}: allowed if a probe resource is (super users, open
   * defaults, wildcard ALLOWs), else if some literal or prefixed ALLOW of the operation (or ALL) is
   * not covered by a DENY literal of the same name or a DENY prefix of it; a DENY on literal {@code
   * *} refuses.
   */
  @Override
  public boolean authorizeAny(
      KafkaPrincipal principal, String host, AclOperation operation, AclResourceType type) {
    if (authorize(principal, host, operation, type, PROBE_NAME)) {
      return true;
    }
    List<String> denyLiterals = new ArrayList<>();
    List<String> denyPrefixes = new ArrayList<>();
    List<String> allowLiterals = new ArrayList<>();
    List<String> allowPrefixes = new ArrayList<>();
    for (AclBinding b : byType.getOrDefault(type, List.of())) {
      AclEntry e = b.entry();
      if (!appliesTo(e, principal, host)
          || (e.operation() != operation && e.operation() != AclOperation.ALL)) {
        continue;
      }
      boolean literal = b.pattern().patternType() == AclPatternType.LITERAL;
      String name = b.pattern().name();
      if (e.permission() == AclPermission.DENY) {
        (literal ? denyLiterals : denyPrefixes).add(name);
      } else {
        (literal ? allowLiterals : allowPrefixes).add(name);
      }
    }
    if (denyLiterals.contains("*")) {
      return false;
    }
    for (String name : allowLiterals) {
      if (!denyLiterals.contains(name) && denyPrefixes.stream().noneMatch(name::startsWith)) {
        return true;
      }
    }
    for (String prefix : allowPrefixes) {
      if (denyPrefixes.stream().noneMatch(prefix::startsWith)) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliesTo(AclEntry e, KafkaPrincipal principal, String host) {
    boolean principalMatches =
        e.principal().equals(AclEntry.WILDCARD_PRINCIPAL)
            || e.principal().equals(principal.toString());
    boolean hostMatches = e.host().equals(AclEntry.WILDCARD_HOST) || e.host().equals(host);
    return principalMatches && hostMatches;
  }
}
