/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static io.kafscale.metadata.etcd.EtcdMapping.bytes;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.store.engine.StoreThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The {@link MetadataStore} port on a real etcd cluster through jetcd. Keys, revisions,
 * transactions, leases and watches map one to one onto etcd's (see {@code docs/metadata.md}). Every
 * operation is asynchronous and bounded by {@link EtcdConfig#requestTimeout()}; failures are
 * translated by {@link EtcdErrors}. Connecting is lazy: an unreachable etcd shows up as a {@link
 * MetadataStoreException} from the first operation, and jetcd reconnects by itself when etcd comes
 * back (watches resume from the revision after the last event they saw).
 *
 * <p>Thread-safe. Futures complete on jetcd's threads; watch events are delivered on this store's
 * single dispatch thread, in revision order.
 */
public final class EtcdMetadataStore implements MetadataStore {
  /** Large prefix reads (segment lists of a busy cluster) may exceed gRPC's 4 MiB default. */
  private static final int MAX_INBOUND_BYTES = 32 * 1024 * 1024;

  private final EtcdConfig config;
  private final String endpoints;
  private final long timeoutMillis;
  private final Client client;
  private final KV kv;
  private final Lease lease;
  private final ExecutorService dispatcher = StoreThreads.watchDispatcher();
  private final Set<EtcdPrefixWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private EtcdMetadataStore(EtcdConfig config, Client client) {
    this.config = config;
    this.endpoints = config.endpointUris().toString();
    this.timeoutMillis = config.requestTimeout().toMillis();
    this.client = client;
    this.kv = client.getKVClient();
    this.lease = client.getLeaseClient();
  }

  /**
   * Creates the client; does not contact etcd. Fails with {@link MetadataStoreException} if a TLS
   * file is missing or unreadable.
   */
  public static EtcdMetadataStore connect(EtcdConfig config) {
    return new EtcdMetadataStore(config, buildClient(config));
  }

  private static Client buildClient(EtcdConfig config) {
    ClientBuilder builder =
        Client.builder()
            .endpoints(config.endpointUris())
            .connectTimeout(config.requestTimeout())
            .retryMaxDuration(config.requestTimeout())
            .maxInboundMessageSize(MAX_INBOUND_BYTES);
    if (config.username().isPresent()) {
      builder.user(bytes(config.username().get())).password(bytes(config.password().orElseThrow()));
    }
    if (config.tls()) {
      for (Optional<Path> file : List.of(config.caFile(), config.certFile(), config.keyFile())) {
        file.filter(f -> !Files.isReadable(f))
            .ifPresent(
                f -> {
                  throw new MetadataStoreException("etcd TLS file is not readable: " + f);
                });
      }
      try {
        // The builder is grpc-netty's SslContextBuilder; it stays inferred so only jetcd is
        // imported here.
        builder.sslContext(
            ssl -> {
              config.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
              config
                  .certFile()
                  .ifPresent(
                      cert ->
                          ssl.keyManager(cert.toFile(), config.keyFile().orElseThrow().toFile()));
            });
      } catch (SSLException | RuntimeException e) {
        throw new MetadataStoreException("etcd TLS setup failed: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return call("get", () -> kv.get(bytes(key)), EtcdMapping::first);
  }

  @Override
  public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
    return call(
        "getPrefix",
        () -> kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
        EtcdMapping::all);
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    return call(
        "currentRevision",
        () -> kv.get(bytes("/"), countOnly(0)),
        r -> r.getHeader().getRevision());
  }

  @Override
  public CompletableFuture<TxnResult> txn(Txn txn) {
    return call(
        "txn",
        () ->
            kv.txn()
                .If(EtcdMapping.compares(txn.compares()))
                .Then(EtcdMapping.ops(txn.onSuccess()))
                .Else(EtcdMapping.ops(txn.onFailure()))
                .commit(),
        EtcdMapping::txnResult);
  }

  @Override
  public CompletableFuture<Long> grantLease(Duration ttl) {
    // etcd counts whole seconds (and raises very short TTLs to its minimum): round up, never down.
    long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
    return call("grantLease", () -> lease.grant(seconds), r -> r.getID());
  }

  @Override
  public CompletableFuture<Void> keepAlive(long leaseId) {
    return call("keepAlive", () -> lease.keepAliveOnce(leaseId), r -> null);
  }

  @Override
  public CompletableFuture<Void> revokeLease(long leaseId) {
    return call("revokeLease", () -> lease.revoke(leaseId), r -> null);
  }

  /**
   * Blocks for one round trip (bounded by the request timeout) to pin the start revision: "now" for
   * {@code fromRevision} 0, so no write after this call is missed, and a compaction check for a
   * past revision, so {@link io.kafscale.metadata.store.CompactedRevisionException} is thrown here
   * as the port requires rather than lost in the background.
   */
  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    ensureOpen();
    long start = startRevision(prefix, fromRevision);
    EtcdPrefixWatch[] self = new EtcdPrefixWatch[1]; // the opener needs the watch's listener
    EtcdPrefixWatch registered =
        new EtcdPrefixWatch(
            prefix,
            start,
            dispatcher,
            listener,
            watches::remove,
            revision ->
                client
                    .getWatchClient()
                    .watch(
                        bytes(prefix),
                        WatchOption.builder().isPrefix(true).withRevision(revision).build(),
                        self[0].jetcdListener()));
    self[0] = registered;
    watches.add(registered);
    try {
      registered.attach(
          client
              .getWatchClient()
              .watch(
                  bytes(prefix),
                  WatchOption.builder().isPrefix(true).withRevision(start).build(),
                  registered.jetcdListener()));
    } catch (RuntimeException e) {
      watches.remove(registered);
      throw EtcdErrors.translate("watch", e, endpoints, timeoutMillis);
    }
    return registered;
  }

  private long startRevision(String prefix, long fromRevision) {
    if (fromRevision <= 0) {
      return await(
          call(
              "watch",
              () -> kv.get(bytes(prefix), countOnly(0)),
              r -> r.getHeader().getRevision() + 1));
    }
    CompletableFuture<Long> probe =
        call("watch", () -> kv.get(bytes(prefix), countOnly(fromRevision)), r -> fromRevision)
            .exceptionally(
                e -> {
                  MetadataStoreException m =
                      EtcdErrors.translate("watch", e, endpoints, timeoutMillis);
                  // A revision in the future is fine for a watch: etcd waits for it.
                  if (m.getMessage() != null && m.getMessage().contains("future revision")) {
                    return fromRevision;
                  }
                  throw m;
                });
    return await(probe);
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataStoreException("interrupted while waiting for etcd", e);
    } catch (ExecutionException | TimeoutException e) {
      throw EtcdErrors.translate("watch", e, endpoints, timeoutMillis);
    }
  }

  private static GetOption countOnly(long revision) {
    return GetOption.builder().withCountOnly(true).withRevision(revision).build();
  }

  private <R, T> CompletableFuture<T> call(
      String what, Supplier<CompletableFuture<R>> request, Function<R, T> result) {
    if (closed) {
      return CompletableFuture.failedFuture(new MetadataStoreException("metadata store is closed"));
    }
    CompletableFuture<R> sent;
    try {
      sent = request.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          EtcdErrors.translate(what, e, endpoints, timeoutMillis));
    }
    return sent.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .handle(
            (r, e) -> {
              if (e != null) {
                throw EtcdErrors.translate(what, e, endpoints, timeoutMillis);
              }
              return result.apply(r);
            });
  }

  private void ensureOpen() {
    if (closed) {
      throw new MetadataStoreException("metadata store is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EtcdPrefixWatch w : List.copyOf(watches)) {
      w.close();
    }
    dispatcher.shutdown();
    client.close();
  }

  @Override
  public String toString() {
    return "EtcdMetadataStore[" + config + "]";
  }
}
