/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.store.StoreAclRegistry;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A binding the cache cannot decode must never fail open: its previous value stays, and one that
 * never decoded denies its resource (or, when even its key is unreadable, everything).
 */
class AclCacheUnreadableTest {
  private static final byte[] GARBAGE = {(byte) 0xff, 0x00, 0x13, 0x37};
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore();
  private final KeyLayout keys = KeyLayout.defaults();
  private final StoreAclRegistry registry = new StoreAclRegistry(memory, keys);
  private final AtomicReference<List<AclBinding>> published = new AtomicReference<>(List.of());
  private final AclCache cache =
      new AclCache(memory, registry.prefix(), Duration.ofHours(1), published::set);

  @AfterEach
  void close() {
    cache.close();
    memory.close();
  }

  private static AclBinding denyRead(String topic) {
    return new AclBinding(
        ResourcePattern.literal(AclResourceType.TOPIC, topic),
        new AclEntry("User:alice", "*", AclOperation.READ, AclPermission.DENY));
  }

  private static AclBinding denyAll(ResourcePattern pattern) {
    return new AclBinding(
        pattern, new AclEntry("User:*", "*", AclOperation.ALL, AclPermission.DENY));
  }

  private void write(String key, byte[] value) {
    memory.txn(Txn.builder().then(new Op.Put(key, value, 0)).build()).join();
  }

  @Test
  void shouldKeepThePreviousBindingWhenItsNewValueIsUnreadable() throws Exception {
    // Given a DENY the cache has loaded
    AclBinding deny = denyRead("orders");
    registry.create(deny).join();
    cache.start().get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> published.get().contains(deny));

    // When its stored value is overwritten with bytes that do not decode
    write(keys.acl(deny), GARBAGE);

    // Then the DENY is still enforced, and the failure is counted
    await().atMost(Duration.ofSeconds(10)).until(() -> cache.decodeFailures() >= 1);
    assertThat(published.get()).containsExactly(deny);
  }

  @Test
  void shouldDenyTheResourceOfABindingThatNeverDecoded() throws Exception {
    // Given an unreadable DENY on topic "orders", never read before
    write(keys.acl(denyRead("orders")), GARBAGE);

    // When
    cache.start().get(10, TimeUnit.SECONDS);

    // Then everyone but super users is denied everything on "orders"
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(published.get())
                    .containsExactly(
                        denyAll(ResourcePattern.literal(AclResourceType.TOPIC, "orders"))));
    assertThat(cache.decodeFailures()).isEqualTo(1);
  }

  @Test
  void shouldDenyEveryResourceWhenAnUnreadableKeyNamesNone() throws Exception {
    // Given
    write(registry.prefix() + "not-a-binding", GARBAGE);

    // When
    cache.start().get(10, TimeUnit.SECONDS);

    // Then
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(published.get())
                    .contains(
                        denyAll(ResourcePattern.literal(AclResourceType.TOPIC, "*")),
                        denyAll(ResourcePattern.literal(AclResourceType.GROUP, "*")),
                        denyAll(ResourcePattern.literal(AclResourceType.CLUSTER, "*"))));
  }

  @Test
  void shouldServeARepairedBindingAgain() throws Exception {
    // Given an unreadable binding
    AclBinding deny = denyRead("orders");
    write(keys.acl(deny), GARBAGE);
    cache.start().get(10, TimeUnit.SECONDS);

    // When it is rewritten readably
    write(keys.acl(deny), io.kafscale.metadata.codec.AclCodec.encode(deny));

    // Then only the real binding remains
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(published.get()).containsExactly(deny));
  }
}
