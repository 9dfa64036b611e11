/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclRulesTest {
  static final KafkaPrincipal ALICE = new KafkaPrincipal("User", "alice");
  static final AuthorizerConfig STRICT = new AuthorizerConfig(true, Set.of(), false);

  static AclBinding topic(
      ResourcePattern pattern, String principal, AclOperation op, AclPermission perm) {
    return new AclBinding(pattern, new AclEntry(principal, "*", op, perm));
  }

  static boolean read(AclRules rules, String topic, AclOperation op) {
    return rules.authorize(ALICE, "10.0.0.1", op, AclResourceType.TOPIC, topic);
  }

  @Test
  void shouldImplyDescribeFromReadButNotWriteFromRead() {
    // Given
    AclRules rules =
        new AclRules(
            List.of(
                topic(
                    ResourcePattern.literal(AclResourceType.TOPIC, "orders"),
                    "User:alice",
                    AclOperation.READ,
                    AclPermission.ALLOW)),
            STRICT);

    // Then
    assertThat(read(rules, "orders", AclOperation.READ)).isTrue();
    assertThat(read(rules, "orders", AclOperation.DESCRIBE)).isTrue();
    assertThat(read(rules, "orders", AclOperation.WRITE)).isFalse();
    assertThat(read(rules, "payments", AclOperation.READ)).isFalse();
  }

  @Test
  void shouldMatchPrefixesWildcardsAndWildcardPrincipal() {
    // Given
    AclRules rules =
        new AclRules(
            List.of(
                topic(
                    ResourcePattern.prefixed(AclResourceType.TOPIC, "team-"),
                    "User:*",
                    AclOperation.WRITE,
                    AclPermission.ALLOW),
                topic(
                    ResourcePattern.literal(AclResourceType.TOPIC, "*"),
                    "User:alice",
                    AclOperation.READ,
                    AclPermission.ALLOW)),
            STRICT);

    // Then
    assertThat(read(rules, "team-a", AclOperation.WRITE)).isTrue();
    assertThat(read(rules, "other", AclOperation.WRITE)).isFalse();
    assertThat(read(rules, "other", AclOperation.READ)).isTrue();
  }

  @Test
  void shouldDenyWhenADenyMatchesEvenWithAllowAll() {
    // Given
    ResourcePattern orders = ResourcePattern.literal(AclResourceType.TOPIC, "orders");
    AclRules rules =
        new AclRules(
            List.of(
                topic(orders, "User:alice", AclOperation.ALL, AclPermission.ALLOW),
                topic(orders, "User:*", AclOperation.WRITE, AclPermission.DENY)),
            STRICT);

    // Then
    assertThat(read(rules, "orders", AclOperation.WRITE)).isFalse();
    assertThat(read(rules, "orders", AclOperation.READ)).isTrue();
  }

  @Test
  void shouldAllowEveryoneOnlyWhereNoAclMatchesTheResource() {
    // Given
    AuthorizerConfig open = new AuthorizerConfig(true, Set.of(), true);
    AclRules rules =
        new AclRules(
            List.of(
                topic(
                    ResourcePattern.literal(AclResourceType.TOPIC, "orders"),
                    "User:bob",
                    AclOperation.READ,
                    AclPermission.ALLOW)),
            open);

    // Then
    assertThat(read(rules, "payments", AclOperation.WRITE)).isTrue();
    assertThat(read(rules, "orders", AclOperation.READ)).isFalse();
  }

  @Test
  void shouldAuthorizeByResourceTypeUnlessDeniedByAPrefix() {
    // Given
    AclRules rules =
        new AclRules(
            List.of(
                topic(
                    ResourcePattern.literal(AclResourceType.TOPIC, "team-x"),
                    "User:alice",
                    AclOperation.WRITE,
                    AclPermission.ALLOW),
                topic(
                    ResourcePattern.prefixed(AclResourceType.TOPIC, "team-"),
                    "User:alice",
                    AclOperation.WRITE,
                    AclPermission.DENY)),
            STRICT);

    // Then
    assertThat(rules.authorizeAny(ALICE, "h", AclOperation.WRITE, AclResourceType.TOPIC)).isFalse();
    assertThat(
            new AclRules(List.of(), new AuthorizerConfig(true, Set.of(ALICE), false))
                .authorizeAny(ALICE, "h", AclOperation.WRITE, AclResourceType.TOPIC))
        .isTrue();
  }

  @Test
  void shouldParseSuperUsersSeparatedBySemicolons() {
    // Then
    assertThat(AuthorizerConfig.parseSuperUsers("User:a,b; User:c ;"))
        .containsExactlyInAnyOrder(
            new KafkaPrincipal("User", "a,b"), new KafkaPrincipal("User", "c"));
  }
}
