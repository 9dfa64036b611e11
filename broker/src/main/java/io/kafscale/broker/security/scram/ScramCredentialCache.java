/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import io.kafscale.broker.security.watch.WatchedPrefixCache;
import io.kafscale.metadata.codec.ScramCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's copy of every SCRAM credential, the {@link ScramCredentialLookup} the SASL/SCRAM
 * authenticator reads: a {@link WatchedPrefixCache} over the {@code scram/} prefix, so a credential
 * altered through any broker authenticates on every broker within one watch delivery. A credential
 * whose current value cannot be read authenticates nobody (its previous value is not used: it may
 * be the password just replaced). Lookups read an immutable map published after each change and
 * never block. Thread-safe.
 */
public final class ScramCredentialCache implements ScramCredentialLookup, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScramCredentialCache.class);

  private record Key(String user, ScramMechanism mechanism) {}

  private record Entry(Key key, ScramCredentialRecord credential) {}

  private final KeyLayout keys;
  private final WatchedPrefixCache<Entry> cache;
  private volatile Map<Key, ScramCredentialRecord> published = Map.of();

  public ScramCredentialCache(MetadataStore store, KeyLayout keys, Duration resyncInterval) {
    this.keys = keys;
    this.cache =
        new WatchedPrefixCache<>(
            store, keys.scramPrefix(), "scram", resyncInterval, this::decode, this::publish);
  }

  /** Loads the credentials and starts the watch; completes after the first load. */
  public CompletableFuture<Void> start() {
    return cache.start();
  }

  @Override
  public Optional<ScramCredentialRecord> credential(String user, ScramMechanism mechanism) {
    return Optional.ofNullable(published.get(new Key(user, mechanism)));
  }

  /** How many credentials (users times mechanisms) are known. */
  public int size() {
    return published.size();
  }

  private Optional<Entry> decode(KeyValue kv) {
    Optional<Key> key = key(kv.key());
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Entry(
            key.get(),
            ScramCodec.decode(
                key.get().user(), key.get().mechanism().mechanismName(), kv.value())));
  }

  /** The user and mechanism of a credential key; empty for keys this broker cannot use. */
  private Optional<Key> key(String storeKey) {
    try {
      String user = keys.userOfScramKey(storeKey);
      return ScramMechanism.fromMechanismName(keys.mechanismOfScramKey(storeKey))
          .map(m -> new Key(user, m));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring unexpected key under the SCRAM prefix key={}", storeKey);
      return Optional.empty();
    }
  }

  private void publish(WatchedPrefixCache.Snapshot<Entry> snapshot) {
    Map<Key, ScramCredentialRecord> credentials = new HashMap<>();
    snapshot
        .values()
        .forEach(
            (storeKey, entry) -> {
              if (!snapshot.unreadable().contains(storeKey)) {
                credentials.put(entry.key(), entry.credential());
              }
            });
    published = Map.copyOf(credentials);
  }

  /** Stops the watch and the resync timer. Idempotent. */
  @Override
  public void close() {
    cache.close();
  }
}
