/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the ACL decision over random bindings and requests. */
class AclRulesProperties {
  private static final KafkaPrincipal ALICE = new KafkaPrincipal("User", "alice");
  private static final List<AclOperation> OPS =
      List.of(
          AclOperation.ALL,
          AclOperation.READ,
          AclOperation.WRITE,
          AclOperation.DESCRIBE,
          AclOperation.DELETE,
          AclOperation.ALTER,
          AclOperation.ALTER_CONFIGS,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.CREATE);

  record Request(AclOperation op, String topic) {}

  @Provide
  Arbitrary<AclBinding> binding() {
    Arbitrary<ResourcePattern> pattern =
        Combinators.combine(
                Arbitraries.of("a", "ab", "abc", "b", "*"),
                Arbitraries.of(AclPatternType.LITERAL, AclPatternType.PREFIXED))
            .as((n, t) -> new ResourcePattern(AclResourceType.TOPIC, n, t));
    Arbitrary<AclEntry> entry =
        Combinators.combine(
                Arbitraries.of("User:alice", "User:bob", "User:*"),
                Arbitraries.of("*", "h1", "h2"),
                Arbitraries.of(OPS),
                Arbitraries.of(AclPermission.ALLOW, AclPermission.DENY))
            .as(AclEntry::new);
    return Combinators.combine(pattern, entry).as(AclBinding::new);
  }

  @Provide
  Arbitrary<List<AclBinding>> bindings() {
    return binding().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Request> request() {
    return Combinators.combine(
            Arbitraries.of(OPS.subList(1, OPS.size())), Arbitraries.of("a", "ab", "abc", "b", "c"))
        .as(Request::new);
  }

  private static boolean allowed(List<AclBinding> bindings, boolean open, Request r) {
    return new AclRules(bindings, new AuthorizerConfig(true, Set.of(), open))
        .authorize(ALICE, "h1", r.op(), AclResourceType.TOPIC, r.topic());
  }

  @Property
  void denyAlwaysWins(
      @ForAll("bindings") List<AclBinding> bindings,
      @ForAll("request") Request r,
      @ForAll boolean open) {
    List<AclBinding> withDeny = new ArrayList<>(bindings);
    withDeny.add(
        new AclBinding(
            ResourcePattern.literal(AclResourceType.TOPIC, r.topic()),
            new AclEntry("User:alice", "*", r.op(), AclPermission.DENY)));
    assertThat(allowed(withDeny, open, r)).isFalse();
  }

  @Property
  void superUserIsAlwaysAllowed(
      @ForAll("bindings") List<AclBinding> bindings, @ForAll("request") Request r) {
    AclRules rules = new AclRules(bindings, new AuthorizerConfig(true, Set.of(ALICE), false));
    assertThat(rules.authorize(ALICE, "h1", r.op(), AclResourceType.TOPIC, r.topic())).isTrue();
  }

  @Property
  void addingAnAllowNeverRemovesAccess(
      @ForAll("bindings") List<AclBinding> bindings,
      @ForAll("binding") AclBinding extra,
      @ForAll("request") Request r) {
    // allow.everyone.if.no.acl.found is off: with it, any new ACL on a resource closes it.
    AclBinding allow =
        new AclBinding(
            extra.pattern(),
            new AclEntry(
                extra.entry().principal(),
                extra.entry().host(),
                extra.entry().operation(),
                AclPermission.ALLOW));
    List<AclBinding> more = new ArrayList<>(bindings);
    more.add(allow);
    if (allowed(bindings, false, r)) {
      assertThat(allowed(more, false, r)).isTrue();
    }
  }

  @Property
  void removingADenyNeverRemovesAccess(
      @ForAll("bindings") List<AclBinding> bindings, @ForAll("request") Request r) {
    if (!allowed(bindings, false, r)) {
      return;
    }
    for (AclBinding b : bindings) {
      if (b.entry().permission() == AclPermission.DENY) {
        List<AclBinding> fewer = new ArrayList<>(bindings);
        fewer.remove(b);
        assertThat(allowed(fewer, false, r)).isTrue();
      }
    }
  }
}
