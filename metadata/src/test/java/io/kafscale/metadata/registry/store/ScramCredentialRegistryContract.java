/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StoreScramCredentialRegistry} contract, run against each metadata store by a subclass:
 * upsert (replacing), get, list (all and per user, escaped names), delete, atomic per-user
 * alterations and watch events under the registry's prefix.
 */
abstract class ScramCredentialRegistryContract {
  protected final KeyLayout keys = KeyLayout.defaults();
  private StoreScramCredentialRegistry registry;

  /** A fresh, empty store. */
  protected abstract MetadataStore store();

  @BeforeEach
  void createRegistry() {
    registry = new StoreScramCredentialRegistry(store(), keys);
  }

  static ScramCredentialRecord credential(String user, String mechanism, int iterations) {
    byte[] tag = (user + mechanism + iterations).getBytes(StandardCharsets.UTF_8);
    return new ScramCredentialRecord(user, mechanism, tag, tag, new byte[] {1, 2, 3}, iterations);
  }

  @Test
  void shouldReturnUpsertedCredentialAndReplaceItOnTheNextUpsert() {
    // Given
    ScramCredentialRecord first = credential("alice", "SCRAM-SHA-256", 4096);
    ScramCredentialRecord second = credential("alice", "SCRAM-SHA-256", 8192);

    // When
    join(registry.upsert(first));
    join(registry.upsert(second));

    // Then
    assertThat(join(registry.get("alice", "SCRAM-SHA-256"))).contains(second);
    assertThat(join(registry.get("alice", "SCRAM-SHA-512"))).isEmpty();
    assertThat(join(registry.list())).containsExactly(second);
  }

  @Test
  void shouldListEveryUserAndOneUserWithEscapedNames() {
    // Given
    ScramCredentialRecord alice256 = credential("alice", "SCRAM-SHA-256", 4096);
    ScramCredentialRecord alice512 = credential("alice", "SCRAM-SHA-512", 4096);
    ScramCredentialRecord odd = credential("al/ice%é", "SCRAM-SHA-512", 4096);
    ScramCredentialRecord prefixOfOther = credential("alic", "SCRAM-SHA-256", 4096);
    List.of(alice256, alice512, odd, prefixOfOther).forEach(c -> join(registry.upsert(c)));

    // When
    List<ScramCredentialRecord> all = join(registry.list());
    List<ScramCredentialRecord> alice = join(registry.list("alice"));

    // Then
    assertThat(all).containsExactlyInAnyOrder(alice256, alice512, odd, prefixOfOther);
    assertThat(alice).containsExactly(alice256, alice512);
    assertThat(join(registry.list("al/ice%é"))).containsExactly(odd);
  }

  @Test
  void shouldDeleteAnExistingCredentialAndReportAMissingOne() {
    // Given
    join(registry.upsert(credential("bob", "SCRAM-SHA-512", 4096)));

    // When
    boolean deleted = join(registry.delete("bob", "SCRAM-SHA-512"));
    boolean deletedAgain = join(registry.delete("bob", "SCRAM-SHA-512"));

    // Then
    assertThat(deleted).isTrue();
    assertThat(deletedAgain).isFalse();
    assertThat(join(registry.list())).isEmpty();
  }

  @Test
  void shouldApplyNothingOfAnAlterationWhoseDeletionIsMissing() {
    // Given
    ScramCredentialRecord old = credential("carol", "SCRAM-SHA-256", 4096);
    join(registry.upsert(old));

    // When
    boolean applied =
        join(
            registry.alter(
                "carol",
                List.of(credential("carol", "SCRAM-SHA-256", 9000)),
                List.of("SCRAM-SHA-512")));

    // Then
    assertThat(applied).isFalse();
    assertThat(join(registry.list("carol"))).containsExactly(old);
  }

  @Test
  void shouldApplyUpsertsAndDeletionsOfOneUserTogether() {
    // Given
    join(registry.upsert(credential("dave", "SCRAM-SHA-256", 4096)));
    ScramCredentialRecord added = credential("dave", "SCRAM-SHA-512", 8192);

    // When
    boolean applied = join(registry.alter("dave", List.of(added), List.of("SCRAM-SHA-256")));

    // Then
    assertThat(applied).isTrue();
    assertThat(join(registry.list("dave"))).containsExactly(added);
  }

  @Test
  void shouldDeliverUpsertsAndDeletesToPrefixWatchers() {
    // Given
    List<String> seen = new CopyOnWriteArrayList<>();
    long revision = join(store().currentRevision());
    try (var watch =
        store()
            .watchPrefix(
                registry.prefix(),
                revision + 1,
                events -> events.forEach(e -> seen.add(e.type() + " " + e.kv().key())))) {

      // When
      join(registry.upsert(credential("erin", "SCRAM-SHA-256", 4096)));
      join(registry.delete("erin", "SCRAM-SHA-256"));

      // Then
      Awaitility.await().until(() -> seen.size() == 2);
      String key = keys.scramCredential("erin", "SCRAM-SHA-256");
      assertThat(seen).containsExactly("PUT " + key, "DELETE " + key);
    }
  }
}
