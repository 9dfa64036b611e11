/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclBindingFilterTest {
  private static final AclEntry READ_ALICE =
      new AclEntry("User:alice", "*", AclOperation.READ, AclPermission.ALLOW);

  private static AclBindingFilter topics(String name, AclPatternType type) {
    return new AclBindingFilter(
        AclResourceType.TOPIC, name, type, null, null, AclOperation.ANY, AclPermission.ANY);
  }

  private static AclBinding topic(String name, AclPatternType type) {
    return new AclBinding(new ResourcePattern(AclResourceType.TOPIC, name, type), READ_ALICE);
  }

  @Test
  void shouldMatchLiteralWildcardAndPrefixesWhenFilterIsMatch() {
    // Given
    AclBindingFilter match = topics("orders-eu", AclPatternType.MATCH);

    // Then
    assertThat(match.matches(topic("orders-eu", AclPatternType.LITERAL))).isTrue();
    assertThat(match.matches(topic("*", AclPatternType.LITERAL))).isTrue();
    assertThat(match.matches(topic("orders-", AclPatternType.PREFIXED))).isTrue();
    assertThat(match.matches(topic("orders-us", AclPatternType.LITERAL))).isFalse();
    assertThat(match.matches(topic("payments", AclPatternType.PREFIXED))).isFalse();
  }

  @Test
  void shouldMatchOnlyTheExactNameWhenFilterIsAnyOrLiteral() {
    // Then
    assertThat(
            topics("orders", AclPatternType.ANY).matches(topic("orders", AclPatternType.PREFIXED)))
        .isTrue();
    assertThat(topics("orders", AclPatternType.ANY).matches(topic("*", AclPatternType.LITERAL)))
        .isFalse();
    assertThat(
            topics("orders", AclPatternType.LITERAL)
                .matches(topic("orders", AclPatternType.PREFIXED)))
        .isFalse();
  }

  @Test
  void shouldMatchEntryFieldsWhenGiven() {
    // Given
    AclBindingFilter bobOnly =
        new AclBindingFilter(
            AclResourceType.ANY,
            null,
            AclPatternType.ANY,
            "User:bob",
            null,
            AclOperation.ANY,
            AclPermission.ANY);

    // Then
    assertThat(bobOnly.matches(topic("orders", AclPatternType.LITERAL))).isFalse();
    assertThat(AclBindingFilter.ANY.matches(topic("orders", AclPatternType.LITERAL))).isTrue();
  }

  @Test
  void shouldReportUnknownElementsAsProblem() {
    // Given
    AclBindingFilter unknown = topics("x", AclPatternType.UNKNOWN);

    // Then
    assertThat(unknown.problem()).isPresent();
    assertThat(AclBindingFilter.ANY.problem()).isEmpty();
  }
}
