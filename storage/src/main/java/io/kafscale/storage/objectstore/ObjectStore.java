/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Port to an object store (S3, a local directory, memory). All operations are asynchronous and
 * thread-safe.
 *
 * <p>Buffer ownership: a {@link ByteBuffer} passed to {@code put*} is read from its position to its
 * limit and must not be modified until the returned future completes; the store never keeps it
 * afterwards. Buffers returned by reads belong to the caller.
 *
 * <p>Failures complete the future exceptionally with {@link ObjectStoreException} (retriable
 * trouble already retried with backoff), {@link ObjectNotFoundException} or {@link
 * ObjectAlreadyExistsException}.
 */
public interface ObjectStore extends AutoCloseable {

  /** Writes (or overwrites) an object. */
  CompletableFuture<Void> put(String key, ByteBuffer data);

  /**
   * Creates an object only if no object with that key exists. Fails with {@link
   * ObjectAlreadyExistsException} if one does. Stores that cannot check atomically report {@code
   * false} from {@link #supportsConditionalCreate()} and check-then-write as well as they can.
   */
  CompletableFuture<Void> create(String key, ByteBuffer data);

  /** Whether {@link #create} is atomic (S3 {@code If-None-Match: *}, exclusive file creation). */
  boolean supportsConditionalCreate();

  /** Reads a whole object. */
  CompletableFuture<ByteBuffer> get(String key);

  /** Reads {@code length} bytes from {@code offset} (fewer if the object ends earlier). */
  CompletableFuture<ByteBuffer> getRange(String key, long offset, int length);

  /** Lists every object whose key starts with {@code prefix}, in key order. */
  CompletableFuture<List<ObjectInfo>> list(String prefix);

  /** Deletes an object; deleting a missing object succeeds. */
  CompletableFuture<Void> delete(String key);

  /** Deletes many objects (batched where the store supports it); missing objects are ignored. */
  CompletableFuture<Void> deleteAll(Collection<String> keys);

  /** Releases clients and threads. */
  @Override
  void close();
}
