/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclBindingFilter;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StoreAclRegistry} contract, run against each metadata store by a subclass: create
 * (idempotent), list, delete by filter, and watch events under the registry's prefix.
 */
abstract class AclRegistryContract {
  protected final KeyLayout keys = KeyLayout.defaults();
  private StoreAclRegistry registry;

  /** A fresh, empty store. */
  protected abstract MetadataStore store();

  @BeforeEach
  void createRegistry() {
    registry = new StoreAclRegistry(store(), keys);
  }

  static AclBinding allow(String topic, AclPatternType type, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(AclResourceType.TOPIC, topic, type),
        new AclEntry(principal, "*", op, AclPermission.ALLOW));
  }

  @Test
  void shouldListCreatedBindingsOnceEachWhenCreatedTwice() {
    // Given
    AclBinding a = allow("orders", AclPatternType.LITERAL, "User:alice", AclOperation.READ);
    AclBinding b = allow("ord", AclPatternType.PREFIXED, "User:bob/x%y", AclOperation.WRITE);

    // When
    join(registry.create(a));
    join(registry.create(b));
    join(registry.create(a));

    // Then
    assertThat(join(registry.list())).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void shouldDeleteOnlyMatchingBindingsAndReturnThem() {
    // Given
    AclBinding literal = allow("orders", AclPatternType.LITERAL, "User:alice", AclOperation.READ);
    AclBinding prefixed = allow("ord", AclPatternType.PREFIXED, "User:alice", AclOperation.READ);
    AclBinding other = allow("payments", AclPatternType.LITERAL, "User:bob", AclOperation.READ);
    List.of(literal, prefixed, other).forEach(b -> join(registry.create(b)));
    AclBindingFilter matchOrders =
        new AclBindingFilter(
            AclResourceType.TOPIC,
            "orders",
            AclPatternType.MATCH,
            null,
            null,
            AclOperation.ANY,
            AclPermission.ANY);

    // When
    List<AclBinding> deleted = join(registry.delete(matchOrders));

    // Then
    assertThat(deleted).containsExactlyInAnyOrder(literal, prefixed);
    assertThat(join(registry.list())).containsExactly(other);
  }

  @Test
  void shouldDeleteManyBindingsBeyondOneTransaction() {
    // Given
    List<AclBinding> many = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      many.add(allow("t" + i, AclPatternType.LITERAL, "User:u", AclOperation.READ));
    }
    many.forEach(b -> join(registry.create(b)));

    // When
    List<AclBinding> deleted = join(registry.delete(AclBindingFilter.ANY));

    // Then
    assertThat(deleted).hasSize(230);
    assertThat(join(registry.list())).isEmpty();
  }

  @Test
  void shouldDeliverCreatesAndDeletesToPrefixWatchers() {
    // Given
    List<String> seen = new CopyOnWriteArrayList<>();
    long revision = join(store().currentRevision());
    AclBinding a = allow("orders", AclPatternType.LITERAL, "User:alice", AclOperation.READ);
    try (var watch =
        store()
            .watchPrefix(
                registry.prefix(),
                revision + 1,
                events -> events.forEach(e -> seen.add(e.type().name())))) {

      // When
      join(registry.create(a));
      join(registry.delete(AclBindingFilter.ANY));

      // Then
      org.awaitility.Awaitility.await().until(() -> seen.size() == 2);
      assertThat(seen).containsExactly("PUT", "DELETE");
    }
  }

  @Test
  void shouldRefuseAnInvalidBinding() {
    // Given
    AclBinding cluster =
        new AclBinding(
            ResourcePattern.literal(AclResourceType.CLUSTER, "not-kafka-cluster"),
            new AclEntry("User:alice", "*", AclOperation.ALTER, AclPermission.ALLOW));

    // When / Then
    assertThat(registry.create(cluster)).isCompletedExceptionally();
    assertThat(join(registry.list())).isEmpty();
  }
}
