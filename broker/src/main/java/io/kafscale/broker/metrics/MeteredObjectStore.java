/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ObjectStore} that counts and times every call of the one it wraps ({@code
 * kafscale.objectstore.requests}, {@code kafscale.objectstore.request.latency}), tagged by the kind
 * of request the store bills ({@code put} for put and create, {@code get} for whole and ranged
 * reads), so request rates and an S3 cost estimate come straight from the counters. Answers, buffer
 * ownership and failures are the wrapped store's. Closing closes the wrapped store. Thread-safe.
 */
public final class MeteredObjectStore implements ObjectStore {
  /** {@code operation} tag values. */
  static final String PUT = "put";

  static final String GET = "get";
  static final String LIST = "list";
  static final String DELETE = "delete";
  static final String DELETE_BATCH = "delete_batch";

  private final ObjectStore delegate;
  private final CallMeter meter;

  public MeteredObjectStore(ObjectStore delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.meter =
        new CallMeter(
            registry,
            BrokerMeters.OBJECTSTORE_REQUESTS,
            BrokerMeters.OBJECTSTORE_REQUEST_LATENCY,
            MeteredObjectStore::outcomeOf);
  }

  private static String outcomeOf(Throwable failure) {
    if (failure instanceof ObjectNotFoundException) {
      return "not_found";
    }
    if (failure instanceof ObjectAlreadyExistsException) {
      return "exists";
    }
    return CallMeter.ERROR;
  }

  @Override
  public CompletableFuture<Void> put(String key, ByteBuffer data) {
    return meter.observe(PUT, () -> delegate.put(key, data));
  }

  @Override
  public CompletableFuture<Void> create(String key, ByteBuffer data) {
    return meter.observe(PUT, () -> delegate.create(key, data));
  }

  @Override
  public boolean supportsConditionalCreate() {
    return delegate.supportsConditionalCreate();
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    return meter.observe(GET, () -> delegate.get(key));
  }

  @Override
  public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
    return meter.observe(GET, () -> delegate.getRange(key, offset, length));
  }

  @Override
  public CompletableFuture<List<ObjectInfo>> list(String prefix) {
    return meter.observe(LIST, () -> delegate.list(prefix));
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return meter.observe(DELETE, () -> delegate.delete(key));
  }

  @Override
  public CompletableFuture<Void> deleteAll(Collection<String> keys) {
    return meter.observe(DELETE_BATCH, () -> delegate.deleteAll(keys));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
