/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.registry.store.StoreScramCredentialRegistry;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two credential caches over one store, as two brokers over one etcd: what is stored before start
 * is loaded, and what one broker alters reaches the other through the watch.
 */
class ScramCredentialCacheTest {
  private final KeyLayout keys = KeyLayout.defaults();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(new ManualClock());
  private final StoreScramCredentialRegistry registry =
      new StoreScramCredentialRegistry(store, keys);
  private final ScramCredentialCache first = cache(store);
  private final ScramCredentialCache second = cache(store);

  private ScramCredentialCache cache(MetadataStore s) {
    return new ScramCredentialCache(s, keys, Duration.ofMinutes(5));
  }

  static ScramCredentialRecord record(String user, ScramMechanism m, String password) {
    byte[] salt = (user + "-salt").getBytes(StandardCharsets.UTF_8);
    return ScramKeys.credential(
        user, m, salt, ScramKeys.saltedPassword(m, password, salt, 4096), 4096);
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
    store.close();
  }

  @Test
  void shouldLoadStoredCredentialsBeforeStartCompletes() throws Exception {
    // Given
    registry.upsert(record("alice", ScramMechanism.SCRAM_SHA_512, "pw")).get(5, TimeUnit.SECONDS);

    // When
    first.start().get(5, TimeUnit.SECONDS);

    // Then
    assertThat(first.credential("alice", ScramMechanism.SCRAM_SHA_512))
        .get()
        .extracting(ScramCredentialRecord::iterations)
        .isEqualTo(4096);
    assertThat(first.credential("alice", ScramMechanism.SCRAM_SHA_256)).isEmpty();
    assertThat(first.credential("bob", ScramMechanism.SCRAM_SHA_512)).isEmpty();
  }

  @Test
  void shouldSeeOnEveryCacheWhatIsAlteredThroughOne() throws Exception {
    // Given
    first.start().get(5, TimeUnit.SECONDS);
    second.start().get(5, TimeUnit.SECONDS);
    ScramCredentialRecord alice = record("al/ice", ScramMechanism.SCRAM_SHA_256, "pw");

    // When
    registry.upsert(alice).get(5, TimeUnit.SECONDS);

    // Then
    await().until(() -> second.credential("al/ice", ScramMechanism.SCRAM_SHA_256).isPresent());
    assertThat(second.credential("al/ice", ScramMechanism.SCRAM_SHA_256)).contains(alice);
    await().until(() -> first.credential("al/ice", ScramMechanism.SCRAM_SHA_256).isPresent());

    // When
    registry.delete("al/ice", "SCRAM-SHA-256").get(5, TimeUnit.SECONDS);

    // Then
    await().until(() -> second.credential("al/ice", ScramMechanism.SCRAM_SHA_256).isEmpty());
    assertThat(second.size()).isZero();
  }

  @Test
  void shouldIgnoreUnreadableValuesAndForeignMechanisms() throws Exception {
    // Given
    store
        .txn(
            Txn.builder()
                .then(Op.put(keys.scramCredential("eve", "SCRAM-SHA-512"), new byte[] {9, 9, 9}))
                .then(Op.put(keys.scramCredential("eve", "SCRAM-SHA-1"), new byte[] {1}))
                .build())
        .get(5, TimeUnit.SECONDS);
    registry.upsert(record("bob", ScramMechanism.SCRAM_SHA_512, "pw")).get(5, TimeUnit.SECONDS);

    // When
    first.start().get(5, TimeUnit.SECONDS);

    // Then
    assertThat(first.credential("eve", ScramMechanism.SCRAM_SHA_512)).isEmpty();
    assertThat(first.credential("bob", ScramMechanism.SCRAM_SHA_512)).isPresent();
    assertThat(first.size()).isEqualTo(1);
  }
}
