/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.ScramCredentialRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * SCRAM credentials in the metadata store, one key per user and mechanism, written by
 * AlterUserScramCredentials on any broker and watched by every broker's credential cache.
 * Mechanisms are SASL names ({@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}). Thread-safe.
 */
public interface ScramCredentialRegistry {

  /** Every stored credential, sorted by (escaped) user, then mechanism. */
  CompletableFuture<List<ScramCredentialRecord>> list();

  /** The credentials of {@code user}, sorted by mechanism; empty when the user has none. */
  CompletableFuture<List<ScramCredentialRecord>> list(String user);

  /** The credential of {@code user} for {@code mechanism}, empty when none is stored. */
  CompletableFuture<Optional<ScramCredentialRecord>> get(String user, String mechanism);

  /** Stores {@code credential}, replacing the user's credential for that mechanism if any. */
  CompletableFuture<Void> upsert(ScramCredentialRecord credential);

  /** Deletes the credential; completes with whether it existed. */
  CompletableFuture<Boolean> delete(String user, String mechanism);

  /**
   * Applies one user's alterations atomically: stores {@code upserts} (all of {@code user}) and
   * deletes the credentials of {@code deletions} (mechanism names), in one transaction that also
   * checks every deleted credential still exists. Completes with {@code false}, having written
   * nothing, when one of them does not exist.
   */
  CompletableFuture<Boolean> alter(
      String user, Collection<ScramCredentialRecord> upserts, Collection<String> deletions);

  /** The prefix under which every credential is stored (for watches). */
  String prefix();
}
