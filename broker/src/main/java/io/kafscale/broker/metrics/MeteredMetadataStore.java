/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link MetadataStore} that counts and times every call of the one it wraps ({@code
 * kafscale.metadata.requests}, {@code kafscale.metadata.request.latency}), one {@code operation}
 * value per port method. A transaction whose compare fails is a successful request (the store
 * answered); only failed calls count as {@code error}. Answers and failures are the wrapped
 * store's; closing closes it. Thread-safe.
 */
public final class MeteredMetadataStore implements MetadataStore {
  private final MetadataStore delegate;
  private final CallMeter meter;

  public MeteredMetadataStore(MetadataStore delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.meter =
        new CallMeter(
            registry,
            BrokerMeters.METADATA_REQUESTS,
            BrokerMeters.METADATA_REQUEST_LATENCY,
            failure -> CallMeter.ERROR);
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return meter.observe("get", () -> delegate.get(key));
  }

  @Override
  public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
    return meter.observe("range", () -> delegate.getPrefix(prefix));
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    return meter.observe("revision", delegate::currentRevision);
  }

  @Override
  public CompletableFuture<TxnResult> txn(Txn txn) {
    return meter.observe("txn", () -> delegate.txn(txn));
  }

  @Override
  public CompletableFuture<Long> grantLease(Duration ttl) {
    return meter.observe("lease_grant", () -> delegate.grantLease(ttl));
  }

  @Override
  public CompletableFuture<Void> keepAlive(long leaseId) {
    return meter.observe("lease_keepalive", () -> delegate.keepAlive(leaseId));
  }

  @Override
  public CompletableFuture<Void> revokeLease(long leaseId) {
    return meter.observe("lease_revoke", () -> delegate.revokeLease(leaseId));
  }

  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    Timer.Sample sample = meter.start();
    try {
      Watch watch = delegate.watchPrefix(prefix, fromRevision, listener);
      meter.record("watch", sample, null);
      return watch;
    } catch (RuntimeException e) {
      meter.record("watch", sample, e);
      throw e;
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
