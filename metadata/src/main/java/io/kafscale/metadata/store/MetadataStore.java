/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Port to a revisioned key-value store with etcd's semantics: every write transaction that changes
 * something gets the next store revision (one revision for the whole transaction), keys remember
 * the revision that created and last modified them, writes are compare-and-set transactions, keys
 * may be attached to leases that expire, and prefix watches replay changes from a revision.
 *
 * <p>Implementations: {@code memory.InMemoryMetadataStore} (tests), {@code
 * embedded.EmbeddedMetadataStore} (single-process quickstart, persisted to a directory), and an
 * etcd adapter. All pass {@code MetadataStoreContractTest}. Thread-safe; futures may complete on
 * the caller's thread or on a store thread, so callbacks must not block for long.
 */
public interface MetadataStore extends AutoCloseable {

  /** The key's current value, or empty if the key does not exist. */
  CompletableFuture<Optional<KeyValue>> get(String key);

  /**
   * Every key starting with {@code prefix}, in key order (String order, which is etcd's byte order
   * for the ASCII keys of {@code KeyLayout}).
   */
  CompletableFuture<List<KeyValue>> getPrefix(String prefix);

  /** The store's current revision (0 before the first write). */
  CompletableFuture<Long> currentRevision();

  /**
   * Runs a transaction atomically: if every compare holds, the success ops run, else the failure
   * ops run. Fails with {@link LeaseNotFoundException} if a put names an unknown lease (nothing is
   * written then).
   */
  CompletableFuture<TxnResult> txn(Txn txn);

  /** Grants a lease living {@code ttl} unless kept alive; returns its id (never 0). */
  CompletableFuture<Long> grantLease(Duration ttl);

  /**
   * Restarts the lease's time to live. Fails with {@link LeaseNotFoundException} if it expired or
   * was revoked.
   */
  CompletableFuture<Void> keepAlive(long leaseId);

  /**
   * Revokes the lease and deletes every key attached to it in one write revision. Revoking an
   * unknown lease fails with {@link LeaseNotFoundException}.
   */
  CompletableFuture<Void> revokeLease(long leaseId);

  /**
   * Watches every key starting with {@code prefix}. Events of revisions {@code >= fromRevision} (0
   * = from the next revision) are delivered to {@code listener} in revision order, one list per
   * revision, on a store thread; the listener must not block. Throws {@link
   * CompactedRevisionException} if {@code fromRevision} is older than the retained history.
   */
  Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener);

  /** Closes the store; later calls fail with {@link MetadataStoreException}. Idempotent. */
  @Override
  void close();
}
