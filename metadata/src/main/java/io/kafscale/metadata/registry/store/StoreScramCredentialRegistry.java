/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ScramCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.registry.ScramCredentialRegistry;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ScramCredentialRegistry} over a {@link MetadataStore}: one key per user and mechanism at
 * {@link KeyLayout#scramCredential}. An upsert is a plain put (the last writer wins, as in Kafka);
 * a deletion compares the credential's mod revision read just before, so a credential deleted
 * concurrently is reported missing rather than deleted twice. Thread-safe and stateless.
 */
public final class StoreScramCredentialRegistry implements ScramCredentialRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreScramCredentialRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<List<ScramCredentialRecord>> list() {
    return store
        .getPrefix(keys.scramPrefix())
        .thenApply(kvs -> kvs.stream().map(this::decode).toList());
  }

  @Override
  public CompletableFuture<List<ScramCredentialRecord>> list(String user) {
    return store
        .getPrefix(keys.scramPrefix(user))
        .thenApply(kvs -> kvs.stream().map(this::decode).toList());
  }

  @Override
  public CompletableFuture<Optional<ScramCredentialRecord>> get(String user, String mechanism) {
    return store.get(keys.scramCredential(user, mechanism)).thenApply(kv -> kv.map(this::decode));
  }

  @Override
  public CompletableFuture<Void> upsert(ScramCredentialRecord credential) {
    return alter(credential.user(), List.of(credential), List.of()).thenApply(ok -> null);
  }

  @Override
  public CompletableFuture<Boolean> delete(String user, String mechanism) {
    return alter(user, List.of(), List.of(mechanism));
  }

  @Override
  public CompletableFuture<Boolean> alter(
      String user, Collection<ScramCredentialRecord> upserts, Collection<String> deletions) {
    for (ScramCredentialRecord r : upserts) {
      if (!r.user().equals(user)) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException("credential of " + r.user() + " altered as " + user));
      }
    }
    if (deletions.isEmpty()) {
      return store.txn(writes(upserts, Map.of()).build()).thenApply(r -> true);
    }
    return CasLoop.run(
        "alter SCRAM credentials of " + user, () -> attempt(user, upserts, deletions));
  }

  private CompletableFuture<Optional<Boolean>> attempt(
      String user, Collection<ScramCredentialRecord> upserts, Collection<String> deletions) {
    return store
        .getPrefix(keys.scramPrefix(user))
        .thenCompose(
            kvs -> {
              Map<String, Long> revisions = new HashMap<>();
              kvs.forEach(kv -> revisions.put(kv.key(), kv.modRevision()));
              Map<String, Long> deleted = new HashMap<>();
              for (String mechanism : deletions) {
                String key = keys.scramCredential(user, mechanism);
                Long revision = revisions.get(key);
                if (revision == null) {
                  return CompletableFuture.completedFuture(Optional.of(false));
                }
                deleted.put(key, revision);
              }
              Txn.Builder txn = writes(upserts, deleted);
              return store
                  .txn(txn.build())
                  .thenApply(r -> r.succeeded() ? Optional.of(true) : Optional.<Boolean>empty());
            });
  }

  /** The puts of {@code upserts} and the deletes of {@code deleted} (key to its mod revision). */
  private Txn.Builder writes(Collection<ScramCredentialRecord> upserts, Map<String, Long> deleted) {
    Txn.Builder txn = Txn.builder();
    deleted.forEach(
        (key, revision) -> {
          txn.when(Compare.modRevisionEquals(key, revision));
          txn.then(Op.delete(key));
        });
    for (ScramCredentialRecord r : upserts) {
      txn.then(Op.put(keys.scramCredential(r.user(), r.mechanism()), ScramCodec.encode(r)));
    }
    return txn;
  }

  private ScramCredentialRecord decode(KeyValue kv) {
    return ScramCodec.decode(
        keys.userOfScramKey(kv.key()), keys.mechanismOfScramKey(kv.key()), kv.value());
  }

  @Override
  public String prefix() {
    return keys.scramPrefix();
  }
}
