/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.broker.security.watch.WatchedPrefixCache;
import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import io.kafscale.metadata.codec.AclCodec;
import io.kafscale.metadata.keys.KeyLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps every broker's copy of the ACL bindings current (a {@link WatchedPrefixCache} over the ACL
 * prefix) and hands the full set to {@code listener} after every change, so an ACL created through
 * any broker is enforced by all within one watch delivery.
 *
 * <p>Unreadable bindings fail closed, never open (a dropped DENY would grant access): a binding
 * whose new value does not decode keeps its previous value; one that never decoded is replaced by a
 * DENY of every operation for every principal on the resource pattern its key names (super users
 * still pass, so an operator can repair it); when even the key cannot be read, every resource of
 * every type is denied the same way until the binding is fixed or deleted. Thread-safe; the
 * listener runs on the cache's own thread.
 */
public final class AclCache implements AutoCloseable {
  private final String prefix;
  private final WatchedPrefixCache<AclBinding> cache;

  public AclCache(
      io.kafscale.metadata.store.MetadataStore store,
      String prefix,
      Duration resyncInterval,
      Consumer<List<AclBinding>> listener) {
    this.prefix = prefix;
    this.cache =
        new WatchedPrefixCache<>(
            store,
            prefix,
            "acl",
            resyncInterval,
            kv -> Optional.of(AclCodec.decode(kv.value())),
            snapshot -> listener.accept(effective(snapshot)));
  }

  /** Loads the bindings and starts the watch; completes after the first delivery. */
  public CompletableFuture<Void> start() {
    return cache.start();
  }

  /** How many stored bindings failed to decode since start. */
  public long decodeFailures() {
    return cache.decodeFailures();
  }

  private List<AclBinding> effective(WatchedPrefixCache.Snapshot<AclBinding> snapshot) {
    List<AclBinding> bindings = new ArrayList<>(snapshot.values().values());
    for (String key : snapshot.unreadable()) {
      if (!snapshot.values().containsKey(key)) {
        bindings.addAll(denyFor(key));
      }
    }
    return List.copyOf(bindings);
  }

  /** The DENY standing in for the unreadable binding stored under {@code key}. */
  List<AclBinding> denyFor(String key) {
    return patternOf(key)
        .map(pattern -> List.of(denyAll(pattern)))
        .orElseGet(
            () -> {
              List<AclBinding> all = new ArrayList<>();
              for (AclResourceType type : AclResourceType.values()) {
                if (type.isBindable()) {
                  all.add(denyAll(ResourcePattern.literal(type, ResourcePattern.WILDCARD)));
                }
              }
              return all;
            });
  }

  private static AclBinding denyAll(ResourcePattern pattern) {
    return new AclBinding(
        pattern,
        new AclEntry(
            AclEntry.WILDCARD_PRINCIPAL,
            AclEntry.WILDCARD_HOST,
            AclOperation.ALL,
            AclPermission.DENY));
  }

  /**
   * The resource pattern named by an ACL key ({@code {type}/{pattern type}/{name}/…}, see {@link
   * KeyLayout#acl}); empty when the key does not have that shape.
   */
  private Optional<ResourcePattern> patternOf(String key) {
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = key.substring(prefix.length()).split("/", -1);
    if (parts.length != 7) {
      return Optional.empty();
    }
    try {
      AclResourceType type = AclResourceType.valueOf(parts[0]);
      AclPatternType patternType = AclPatternType.valueOf(parts[1]);
      String name = KeyLayout.unescapeGroupId(parts[2]);
      if (!type.isBindable() || !patternType.isBindable() || name.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ResourcePattern(type, name, patternType));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Stops the watch and the resync timer. Idempotent. */
  @Override
  public void close() {
    cache.close();
  }
}
