/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The object {@code {namespace}/}{@value #NAME} that names the cluster (metadata-store cluster id)
 * owning the namespace, so the garbage collector never deletes the objects of another cluster that
 * shares the bucket and namespace, nor runs against a wiped or wrong metadata root (which carries a
 * new cluster id). {@code !} is not a legal Kafka topic character, so the marker never collides
 * with a topic's objects and is never a GC candidate. Created, if absent, with a conditional
 * create; never overwritten. Thread-safe.
 */
public final class ClusterMarker {
  /** File name of the marker under the namespace. */
  public static final String NAME = "_kafscale!cluster";

  private final ObjectStore objects;
  private final String key;
  private final String clusterId;

  /**
   * @param namespace the object-key namespace ({@code KAFSCALE_S3_NAMESPACE}), empty for none
   * @param clusterId this cluster's id, as held by the metadata store
   */
  public ClusterMarker(ObjectStore objects, String namespace, String clusterId) {
    if (clusterId == null || clusterId.isEmpty()) {
      throw new IllegalArgumentException("cluster id must not be empty");
    }
    this.objects = objects;
    this.key = namespace == null || namespace.isEmpty() ? NAME : namespace + "/" + NAME;
    this.clusterId = clusterId;
  }

  public String key() {
    return key;
  }

  /**
   * Reads the marker, creating it with this cluster's id if absent; completes with the id of
   * another cluster if the marker names one (empty: the namespace is ours).
   */
  public CompletableFuture<Optional<String>> foreignOwner() {
    return read()
        .thenCompose(
            found ->
                found.isPresent()
                    ? CompletableFuture.completedFuture(found)
                    : create().thenCompose(v -> read()))
        .thenApply(
            owner -> {
              String id = owner.orElseThrow(() -> new IllegalStateException("marker vanished"));
              return id.equals(clusterId) ? Optional.<String>empty() : Optional.of(id);
            });
  }

  private CompletableFuture<Optional<String>> read() {
    return objects
        .get(key)
        .thenApply(b -> Optional.of(StandardCharsets.UTF_8.decode(b).toString().trim()))
        .exceptionallyCompose(
            e ->
                unwrap(e) instanceof ObjectNotFoundException
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : CompletableFuture.failedFuture(e));
  }

  private CompletableFuture<Void> create() {
    ByteBuffer data = ByteBuffer.wrap(clusterId.getBytes(StandardCharsets.UTF_8));
    return objects
        .create(key, data)
        .exceptionallyCompose(
            e ->
                // Someone (another controller, another cluster) created it first: re-read it.
                unwrap(e) instanceof ObjectAlreadyExistsException
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(e));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
