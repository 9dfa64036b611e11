/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link ObjectStore} on S3 or an S3-compatible server, through the AWS SDK v2 async client.
 *
 * <p>{@link #create} is a conditional PUT ({@code If-None-Match: *}); HTTP 412, or 409 {@code
 * ConditionalRequestConflict} when a concurrent create wins, becomes {@link
 * io.kafscale.storage.objectstore.ObjectAlreadyExistsException}. Retries (throttling, 5xx, I/O) are
 * done by the client, see {@link S3ClientFactory}. When {@link S3Config#kmsKeyArn()} is set, every
 * write asks for SSE-KMS under that key.
 *
 * <p>Thread-safe. Input buffers are read without copying and without moving their position (the
 * caller must not modify them until the future completes); returned buffers are heap buffers owned
 * by the caller. Futures complete on SDK threads: callers must not block them.
 */
public final class S3ObjectStore implements ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  /** The most keys one DeleteObjects request accepts. */
  static final int DELETE_BATCH = 1000;

  private final S3ClientFactory.ClientHandle handle;
  private final S3AsyncClient client;
  private final S3Config config;

  private S3ObjectStore(S3ClientFactory.ClientHandle handle, S3Config config) {
    this.handle = handle;
    this.client = handle.client();
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Creates a store and its client from {@code config}; does not contact S3 yet. */
  public static S3ObjectStore create(S3Config config) {
    LOG.info("Opening S3 object store {}", config);
    return new S3ObjectStore(S3ClientFactory.build(config), config);
  }

  /** The settings this store was built with. */
  public S3Config config() {
    return config;
  }

  /**
   * Checks that the bucket exists and is reachable with these credentials (HeadBucket), so a broker
   * can fail at start-up instead of on its first flush. Fails with an {@link ObjectStoreException}
   * whose message names the bucket, endpoint, region and the cause.
   */
  public CompletableFuture<Void> checkAccess() {
    return settle(
        client.headBucket(b -> b.bucket(config.bucket())),
        (response, error) -> {
          if (error != null) {
            throw new ObjectStoreException(
                S3Errors.accessFailure(error, config), S3Errors.unwrap(error));
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> put(String key, ByteBuffer data) {
    return write("put", key, data, false);
  }

  @Override
  public CompletableFuture<Void> create(String key, ByteBuffer data) {
    return write("create", key, data, true);
  }

  @Override
  public boolean supportsConditionalCreate() {
    return true;
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    Objects.requireNonNull(key, "key");
    return mapErrors(
        "get",
        key,
        client
            .getObject(b -> b.bucket(config.bucket()).key(key), AsyncResponseTransformer.toBytes())
            .thenApply(bytes -> ByteBuffer.wrap(bytes.asByteArrayUnsafe())));
  }

  @Override
  public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
    Objects.requireNonNull(key, "key");
    if (offset < 0 || length < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Negative offset or length: " + offset + ", " + length));
    }
    if (length == 0) {
      // HTTP cannot express an empty range; still report a missing object as missing.
      return mapErrors(
          "getRange",
          key,
          client
              .headObject(b -> b.bucket(config.bucket()).key(key))
              .thenApply(head -> ByteBuffer.allocate(0)));
    }
    long last = offset > Long.MAX_VALUE - length ? Long.MAX_VALUE : offset + length - 1;
    String range = "bytes=" + offset + "-" + last;
    return settle(
        client.getObject(
            b -> b.bucket(config.bucket()).key(key).range(range),
            AsyncResponseTransformer.<GetObjectResponse>toBytes()),
        (bytes, error) -> {
          if (error == null) {
            return sliceIfRangeIgnored(bytes, offset, length);
          }
          if (S3Errors.status(error) == S3Errors.RANGE_NOT_SATISFIABLE) {
            return ByteBuffer.allocate(0); // the object exists and ends before offset
          }
          throw S3Errors.translate(error, "getRange", config.bucket(), key);
        });
  }

  @Override
  public CompletableFuture<List<ObjectInfo>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    ConcurrentLinkedQueue<ObjectInfo> found = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> pages =
        client
            .listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix))
            .subscribe(
                page -> page.contents().forEach(o -> found.add(new ObjectInfo(o.key(), o.size()))));
    // Pages arrive one after another, so the queue holds S3's (key) order.
    return mapErrors("list", prefix + "*", pages.thenApply(v -> List.copyOf(found)));
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    Objects.requireNonNull(key, "key");
    return settle(
        client.deleteObject(b -> b.bucket(config.bucket()).key(key)),
        (response, error) -> {
          if (error != null && !S3Errors.isMissingObject(error)) {
            throw S3Errors.translate(error, "delete", config.bucket(), key);
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteAll(Collection<String> keys) {
    List<String> all = List.copyOf(keys);
    List<CompletableFuture<Void>> batches = new ArrayList<>();
    for (int from = 0; from < all.size(); from += DELETE_BATCH) {
      batches.add(deleteBatch(all.subList(from, Math.min(all.size(), from + DELETE_BATCH))));
    }
    return settle(
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)),
        (v, error) -> {
          if (error != null) {
            throw S3Errors.unwrap(error) instanceof RuntimeException e
                ? e
                : new ObjectStoreException("deleteAll failed", S3Errors.unwrap(error));
          }
          return null;
        });
  }

  @Override
  public void close() {
    handle.close();
  }

  private CompletableFuture<Void> write(String op, String key, ByteBuffer data, boolean ifAbsent) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(config.bucket())
            .key(key)
            .contentLength((long) data.remaining());
    if (ifAbsent) {
      request.ifNoneMatch("*");
    }
    config
        .kmsKeyArn()
        .ifPresent(
            arn -> request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn));
    // The duplicate keeps the caller's position untouched; "unsafe" means no defensive copy, which
    // the port's ownership rule (do not modify until completion) makes safe.
    AsyncRequestBody body = AsyncRequestBody.fromRemainingByteBufferUnsafe(data.duplicate());
    return mapErrors(op, key, client.putObject(request.build(), body).thenApply(r -> null));
  }

  private CompletableFuture<Void> deleteBatch(List<String> keys) {
    List<ObjectIdentifier> ids =
        keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    Delete delete = Delete.builder().objects(ids).quiet(true).build();
    String what = keys.size() + " keys from " + keys.get(0);
    return mapErrors(
        "deleteAll",
        what,
        client
            .deleteObjects(b -> b.bucket(config.bucket()).delete(delete))
            .thenApply(response -> failOnErrors(response, what)));
  }

  private Void failOnErrors(DeleteObjectsResponse response, String what) {
    List<S3Error> errors =
        response.errors().stream().filter(e -> !"NoSuchKey".equals(e.code())).toList();
    if (!errors.isEmpty()) {
      S3Error first = errors.get(0);
      throw new ObjectStoreException(
          "deleteAll s3://"
              + config.bucket()
              + " ("
              + what
              + ") failed for "
              + errors.size()
              + " keys, first "
              + first.key()
              + ": "
              + first.code()
              + " "
              + first.message());
    }
    return null;
  }

  private static ByteBuffer sliceIfRangeIgnored(
      ResponseBytes<GetObjectResponse> bytes, long offset, int length) {
    byte[] array = bytes.asByteArrayUnsafe();
    if (bytes.response().contentRange() != null || (offset == 0 && array.length <= length)) {
      return ByteBuffer.wrap(array);
    }
    // A server that ignores Range sends the whole object; cut the requested part out of it.
    int from = (int) Math.min(offset, array.length);
    int to = (int) Math.min((long) from + length, array.length);
    return ByteBuffer.wrap(array, from, to - from).slice();
  }

  private <T> CompletableFuture<T> mapErrors(String op, String key, CompletableFuture<T> future) {
    return settle(
        future,
        (value, error) -> {
          if (error != null) {
            throw S3Errors.translate(error, op, config.bucket(), key);
          }
          return value;
        });
  }

  /**
   * Like {@code handle}, but an exception thrown by {@code handler} fails the result with that
   * exception itself rather than a {@code CompletionException} wrapper, as the other stores do.
   */
  private static <T, R> CompletableFuture<R> settle(
      CompletableFuture<T> future, BiFunction<? super T, Throwable, ? extends R> handler) {
    CompletableFuture<R> result = new CompletableFuture<>();
    future.whenComplete(
        (value, error) -> {
          try {
            result.complete(handler.apply(value, error));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }
}
