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
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ACL cache recovers from metadata store failures: a failed first load is retried, a watch that
 * cannot be opened or was compacted away leads to a reload, and a watch that silently stops
 * delivering is repaired by the periodic resync. Failures are injected with a forwarding store.
 */
class AclCacheTest {
  private static final Duration NEVER = Duration.ofHours(1);

  private final InMemoryMetadataStore memory = new InMemoryMetadataStore();
  private final StoreAclRegistry registry = new StoreAclRegistry(memory, KeyLayout.defaults());
  private final AtomicReference<List<AclBinding>> published = new AtomicReference<>();
  private AclCache cache;

  @AfterEach
  void close() {
    if (cache != null) {
      cache.close();
    }
    memory.close();
  }

  private static AclBinding allowRead(String topic) {
    return new AclBinding(
        ResourcePattern.literal(AclResourceType.TOPIC, topic),
        new AclEntry("User:alice", "*", AclOperation.READ, AclPermission.ALLOW));
  }

  private AclCache start(ForwardingMetadataStore store, Duration resync) {
    cache = new AclCache(store, registry.prefix(), resync, published::set);
    return cache;
  }

  private void awaitPublished(AclBinding... expected) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(published.get()).containsExactlyInAnyOrder(expected));
  }

  @Test
  void shouldRetryAFailedInitialLoadUntilTheStoreAnswers() throws Exception {
    // Given a binding, and a store whose first read fails
    registry.create(allowRead("orders")).join();
    AtomicInteger reads = new AtomicInteger();
    ForwardingMetadataStore flaky =
        new ForwardingMetadataStore(memory) {
          @Override
          public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
            return reads.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new MetadataStoreException("etcd unavailable"))
                : super.getPrefix(prefix);
          }
        };

    // When
    CompletableFuture<Void> started = start(flaky, NEVER).start();

    // Then the start completes once the retry succeeds, with the binding loaded
    started.get(10, TimeUnit.SECONDS);
    assertThat(reads.get()).isGreaterThanOrEqualTo(2);
    awaitPublished(allowRead("orders"));
    // And the watch opened by the retry follows later changes
    registry.create(allowRead("payments")).join();
    awaitPublished(allowRead("orders"), allowRead("payments"));
  }

  @Test
  void shouldRepairAWatchThatSilentlyStoppedDeliveringWithThePeriodicResync() throws Exception {
    // Given a store whose first watch never delivers anything (a broken stream)
    AtomicInteger watches = new AtomicInteger();
    ForwardingMetadataStore broken =
        new ForwardingMetadataStore(memory) {
          @Override
          public Watch watchPrefix(
              String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
            if (watches.incrementAndGet() == 1) {
              return () -> {};
            }
            return super.watchPrefix(prefix, fromRevision, listener);
          }
        };
    start(broken, Duration.ofMillis(200)).start().get(10, TimeUnit.SECONDS);

    // When a binding is created while the watch is dead
    registry.create(allowRead("orders")).join();

    // Then the resync re-reads the prefix and publishes it
    awaitPublished(allowRead("orders"));
    assertThat(watches.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldReloadAtOnceWhenTheWatchRevisionWasCompacted() throws Exception {
    // Given a store that reports the first watch's revision as compacted, and no periodic resync
    registry.create(allowRead("orders")).join();
    AtomicInteger watches = new AtomicInteger();
    ForwardingMetadataStore compacted =
        new ForwardingMetadataStore(memory) {
          @Override
          public Watch watchPrefix(
              String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
            if (watches.incrementAndGet() == 1) {
              throw new CompactedRevisionException("required revision has been compacted");
            }
            return super.watchPrefix(prefix, fromRevision, listener);
          }
        };

    // When
    start(compacted, NEVER).start().get(10, TimeUnit.SECONDS);

    // Then the cache reloaded and watches again: later changes arrive
    assertThat(watches.get()).isEqualTo(2);
    registry.create(allowRead("payments")).join();
    awaitPublished(allowRead("orders"), allowRead("payments"));
  }

  @Test
  void shouldReloadAfterTheWatchCannotBeOpened() throws Exception {
    // Given a store that fails to open the first watch
    AtomicInteger watches = new AtomicInteger();
    ForwardingMetadataStore failing =
        new ForwardingMetadataStore(memory) {
          @Override
          public Watch watchPrefix(
              String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
            if (watches.incrementAndGet() == 1) {
              throw new MetadataStoreException("watch stream reset");
            }
            return super.watchPrefix(prefix, fromRevision, listener);
          }
        };

    // When
    start(failing, NEVER).start().get(10, TimeUnit.SECONDS);

    // Then a later change is delivered by the watch opened on the retry
    registry.create(allowRead("orders")).join();
    awaitPublished(allowRead("orders"));
    assertThat(watches.get()).isEqualTo(2);
  }
}
