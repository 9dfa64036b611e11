/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.InvalidConfigException;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Topic config and cluster-wide broker config alteration by compare-and-set, run against every
 * store a subclass provides (in memory and a real etcd).
 */
abstract class TopicConfigRegistryScenarios {
  protected final KeyLayout keys = KeyLayout.defaults();

  /** An empty store; closed by the subclass. */
  protected abstract MetadataStore store();

  private StoreTopicRegistry registry(MetadataStore store) {
    return new StoreTopicRegistry(store, keys, Clock.systemUTC());
  }

  @Test
  void shouldApplyChangeToCurrentTopicConfigs() {
    // Given
    StoreTopicRegistry topics = registry(store());
    join(topics.create("orders", 2, Map.of("retention.ms", "1000", "segment.ms", "5")));

    // When
    join(
        topics.alterConfigs(
            "orders",
            old -> {
              Map<String, String> next = new TreeMap<>(old);
              next.remove("segment.ms");
              next.put("cleanup.policy", "compact");
              return next;
            }));

    // Then
    assertThat(join(topics.get("orders")).orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
    assertThat(join(topics.get("orders")).orElseThrow().partitionCount()).isEqualTo(2);
  }

  @Test
  void shouldFailAlterationOfUnknownTopic() {
    // Given
    StoreTopicRegistry topics = registry(store());

    // When
    Throwable failure = failureOf(topics.alterConfigs("nope", old -> old));

    // Then
    assertThat(failure).isInstanceOf(UnknownTopicException.class);
  }

  @Test
  void shouldRetryOnConflictAndKeepTheConcurrentWrite() {
    // Given a store where a concurrent writer changes the topic just before our first commit
    StoreTopicRegistry direct = registry(store());
    join(direct.create("orders", 1, Map.of()));
    AtomicBoolean interfered = new AtomicBoolean();
    MetadataStore racing =
        new ForwardingMetadataStore(store()) {
          @Override
          public CompletableFuture<TxnResult> txn(Txn txn) {
            if (interfered.compareAndSet(false, true)) {
              return direct
                  .alterConfigs("orders", old -> plus(old, "retention.ms", "1"))
                  .thenCompose(t -> delegate.txn(txn));
            }
            return delegate.txn(txn);
          }
        };

    // When
    join(registry(racing).alterConfigs("orders", old -> plus(old, "segment.ms", "2")));

    // Then both changes are kept
    assertThat(join(direct.get("orders")).orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "1", "segment.ms", "2"));
  }

  @Test
  void shouldKeepEveryChangeOfConcurrentAlterations() {
    // Given
    StoreTopicRegistry topics = registry(store());
    join(topics.create("orders", 1, Map.of()));

    // When
    List<CompletableFuture<?>> all =
        IntStream.range(0, 8)
            .<CompletableFuture<?>>mapToObj(
                i -> {
                  TopicConfigCatalogue.Definition d = TopicConfigCatalogue.all().get(i);
                  return topics.alterConfigs(
                      "orders", old -> plus(old, d.name(), d.defaultValue()));
                })
            .toList();
    all.forEach(RegistryFixture::join);

    // Then
    assertThat(join(topics.get("orders")).orElseThrow().configs()).hasSize(8);
  }

  @Test
  void shouldStoreAlterAndDeleteBrokerDefaults() {
    // Given
    StoreTopicRegistry topics = registry(store());
    assertThat(join(topics.brokerDefaults())).isEmpty();

    // When
    join(topics.alterBrokerDefaults(old -> plus(old, "log.retention.ms", "1000")));
    Map<String, String> two =
        join(topics.alterBrokerDefaults(old -> plus(old, "log.cleanup.policy", "compact")));

    // Then
    assertThat(two).isEqualTo(Map.of("log.retention.ms", "1000", "log.cleanup.policy", "compact"));
    assertThat(join(topics.brokerDefaults())).isEqualTo(two);

    // When everything is removed
    join(topics.alterBrokerDefaults(old -> Map.of()));

    // Then the key is gone
    Object stored = join(store().get(keys.brokerDefaultConfigs())).map(KeyValue::key);
    assertThat(stored).isEqualTo(java.util.Optional.empty());
  }

  @Test
  void shouldRefuseToCreateTopicWithInvalidConfigValue() {
    // Given
    StoreTopicRegistry topics = registry(store());

    // When
    Throwable failure = failureOf(topics.create("orders", 1, Map.of("retention.ms", "abc")));

    // Then nothing is stored
    assertThat(failure)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("retention.ms")
        .hasMessageContaining("abc");
    assertThat(join(topics.get("orders"))).isEmpty();
  }

  @Test
  void shouldRefuseToCreateTopicWithUnknownConfigName() {
    // Given
    StoreTopicRegistry topics = registry(store());

    // When
    Throwable failure = failureOf(topics.create("orders", 1, Map.of("retention.mss", "1")));

    // Then
    assertThat(failure)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Unknown topic config name: retention.mss");
    assertThat(join(topics.get("orders"))).isEmpty();
  }

  @Test
  void shouldRefuseAlterationToInvalidValueAndKeepStoredConfigs() {
    // Given
    StoreTopicRegistry topics = registry(store());
    join(topics.create("orders", 1, Map.of("retention.ms", "1000")));

    // When
    Throwable altered =
        failureOf(topics.alterConfigs("orders", old -> plus(old, "cleanup.policy", "shred")));
    Throwable replaced = failureOf(topics.updateConfigs("orders", Map.of("segment.bytes", "-5")));

    // Then
    assertThat(altered).isInstanceOf(InvalidConfigException.class).hasMessageContaining("shred");
    assertThat(replaced)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("segment.bytes");
    assertThat(join(topics.get("orders")).orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "1000"));
  }

  @Test
  void shouldRefuseInvalidBrokerDefaults() {
    // Given
    StoreTopicRegistry topics = registry(store());
    join(topics.alterBrokerDefaults(old -> plus(old, "log.retention.ms", "1000")));

    // When
    Throwable badValue =
        failureOf(topics.alterBrokerDefaults(old -> plus(old, "log.retention.ms", "abc")));
    Throwable unknown =
        failureOf(topics.alterBrokerDefaults(old -> plus(old, "num.io.threads", "8")));

    // Then
    assertThat(badValue).isInstanceOf(InvalidConfigException.class).hasMessageContaining("abc");
    assertThat(unknown)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("num.io.threads");
    assertThat(join(topics.brokerDefaults())).isEqualTo(Map.of("log.retention.ms", "1000"));
  }

  private static Map<String, String> plus(Map<String, String> old, String k, String v) {
    Map<String, String> next = new TreeMap<>(old);
    next.put(k, v);
    return next;
  }
}
