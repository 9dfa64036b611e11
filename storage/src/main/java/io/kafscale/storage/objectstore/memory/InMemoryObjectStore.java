/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.memory;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@link ObjectStore} held in memory, for unit tests and single-process experiments.
 *
 * <p>Thread-safe. Buffers are copied on the way in and on the way out, so neither side can change
 * what the other sees. {@link #create} is atomic. Futures complete on the calling thread unless a
 * {@link FaultPolicy} holds the operation, in which case they complete on the thread that releases
 * the gate.
 *
 * <p>Fault injection: {@link #failNext(int, Supplier)} and {@link #failNext(Operation, int,
 * Supplier)} fail the next operations; {@link #holdNext(Operation)} parks the next operation of a
 * kind until the test releases it; {@link #faultPolicy(FaultPolicy)} installs any other policy.
 * One-shot faults are consumed first, then the installed policy is consulted.
 */
public final class InMemoryObjectStore implements ObjectStore {

  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final ConcurrentLinkedQueue<OneShot> oneShots = new ConcurrentLinkedQueue<>();
  private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);
  private volatile FaultPolicy policy = FaultPolicy.none();
  private volatile boolean closed;

  /** Creates an empty store with no faults. */
  public InMemoryObjectStore() {
    for (Operation op : Operation.values()) {
      counts.put(op, new AtomicLong());
    }
  }

  /** Replaces the standing fault policy ({@link FaultPolicy#none()} removes it). */
  public void faultPolicy(FaultPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Fails the next {@code count} operations of any kind with errors from {@code error}. */
  public void failNext(int count, Supplier<? extends Throwable> error) {
    addOneShots(null, count, error);
  }

  /** Fails the next {@code count} operations of kind {@code operation}. */
  public void failNext(Operation operation, int count, Supplier<? extends Throwable> error) {
    addOneShots(Objects.requireNonNull(operation, "operation"), count, error);
  }

  /**
   * Holds the next operation of kind {@code operation} until the returned future is completed:
   * normally to let it run, exceptionally to fail it with that cause.
   */
  public CompletableFuture<Void> holdNext(Operation operation) {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    oneShots.add(new OneShot(Objects.requireNonNull(operation, "operation"), () -> gate));
    return gate;
  }

  /** How many operations of this kind were started (including failed ones). */
  public long count(Operation operation) {
    return counts.get(operation).get();
  }

  /** Number of objects currently stored. */
  public int size() {
    return objects.size();
  }

  @Override
  public CompletableFuture<Void> put(String key, ByteBuffer data) {
    byte[] copy = copyOf(data);
    return run(
        Operation.PUT,
        key,
        () -> {
          objects.put(key, copy);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> create(String key, ByteBuffer data) {
    byte[] copy = copyOf(data);
    return run(
        Operation.CREATE,
        key,
        () -> {
          if (objects.putIfAbsent(key, copy) != null) {
            throw new ObjectAlreadyExistsException("Object already exists: " + key);
          }
          return null;
        });
  }

  @Override
  public boolean supportsConditionalCreate() {
    return true;
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    return run(Operation.GET, key, () -> ByteBuffer.wrap(existing(key).clone()));
  }

  @Override
  public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Negative offset or length: " + offset + ", " + length));
    }
    return run(
        Operation.GET_RANGE,
        key,
        () -> {
          byte[] bytes = existing(key);
          int from = (int) Math.min(offset, bytes.length);
          int to = (int) Math.min((long) from + length, bytes.length);
          byte[] slice = new byte[to - from];
          System.arraycopy(bytes, from, slice, 0, slice.length);
          return ByteBuffer.wrap(slice);
        });
  }

  @Override
  public CompletableFuture<List<ObjectInfo>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return run(
        Operation.LIST,
        prefix,
        () -> {
          List<ObjectInfo> result = new ArrayList<>();
          for (Map.Entry<String, byte[]> e : objects.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
              break;
            }
            result.add(new ObjectInfo(e.getKey(), e.getValue().length));
          }
          return List.copyOf(result);
        });
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return run(
        Operation.DELETE,
        key,
        () -> {
          objects.remove(key);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteAll(Collection<String> keys) {
    List<String> copy = List.copyOf(keys);
    return run(
        Operation.DELETE_ALL,
        null,
        () -> {
          copy.forEach(objects::remove);
          return null;
        });
  }

  @Override
  public void close() {
    closed = true;
  }

  private byte[] existing(String key) {
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      throw new ObjectNotFoundException("No such object: " + key);
    }
    return bytes;
  }

  private <T> CompletableFuture<T> run(Operation operation, String key, Supplier<T> body) {
    if (operation != Operation.LIST && operation != Operation.DELETE_ALL) {
      Objects.requireNonNull(key, "key");
    }
    counts.get(operation).incrementAndGet();
    if (closed) {
      return CompletableFuture.failedFuture(new ObjectStoreException("Object store is closed"));
    }
    CompletableFuture<Void> gate = gateFor(operation, key).toCompletableFuture();
    if (gate.isDone()) {
      // Common case: run on the caller's thread so unit tests stay deterministic.
      return gate.isCompletedExceptionally() ? failedLike(gate) : invoke(body);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    gate.whenComplete(
        (v, error) -> {
          if (error != null) {
            result.completeExceptionally(unwrap(error));
            return;
          }
          try {
            result.complete(body.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private CompletionStage<Void> gateFor(Operation operation, String key) {
    for (OneShot shot : oneShots) {
      if ((shot.operation == null || shot.operation == operation) && oneShots.remove(shot)) {
        return shot.gate.get();
      }
    }
    return policy.before(operation, key);
  }

  private void addOneShots(Operation operation, int count, Supplier<? extends Throwable> error) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    Objects.requireNonNull(error, "error");
    for (int i = 0; i < count; i++) {
      oneShots.add(new OneShot(operation, () -> CompletableFuture.failedFuture(error.get())));
    }
  }

  private static <T> CompletableFuture<T> invoke(Supplier<T> body) {
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> CompletableFuture<T> failedLike(CompletableFuture<Void> failedGate) {
    try {
      failedGate.join();
      throw new IllegalStateException("gate was expected to be failed");
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return CompletableFuture.failedFuture(unwrap(e));
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static byte[] copyOf(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    return copy;
  }

  private record OneShot(Operation operation, Supplier<CompletionStage<Void>> gate) {}
}
