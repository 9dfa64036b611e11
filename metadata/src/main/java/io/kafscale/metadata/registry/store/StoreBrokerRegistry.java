/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.registry.BrokerRegistry;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link BrokerRegistry} over a {@link MetadataStore}: one lease-bound key per broker id. Allocated
 * ids are claimed by a create-if-absent transaction, so concurrent starts never share an id; update
 * and deregistration compare the stored incarnation, so a stale process never touches its
 * successor's registration. Thread-safe (stateless besides the store).
 */
public final class StoreBrokerRegistry implements BrokerRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreBrokerRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<BrokerRecord> register(
      BrokerRecord broker, long leaseId, int preferredId) {
    if (broker.brokerId() >= 0) {
      // A fixed id belongs to this broker: whatever holds the key is an earlier incarnation.
      String key = keys.broker(broker.brokerId());
      Txn txn = Txn.builder().then(Op.put(key, ProtoCodec.encodeBroker(broker), leaseId)).build();
      return store.txn(txn).thenApply(r -> broker);
    }
    return CasLoop.run("allocate a broker id", () -> allocateAttempt(broker, leaseId, preferredId));
  }

  private CompletableFuture<Optional<BrokerRecord>> allocateAttempt(
      BrokerRecord broker, long leaseId, int preferredId) {
    return store
        .getPrefix(keys.brokersPrefix())
        .thenCompose(
            kvs -> {
              Map<Integer, KeyValue> ours = ownRegistrations(kvs, broker.incarnation());
              Set<Integer> used = usedIds(kvs);
              used.removeAll(ours.keySet());
              int id = chooseId(used, preferredId);
              BrokerRecord allocated = broker.withBrokerId(id);
              String key = keys.broker(id);
              // Our own earlier registration (this process, an older lease) may be replaced.
              KeyValue own = ours.get(id);
              Compare free =
                  own == null
                      ? Compare.absent(key)
                      : Compare.modRevisionEquals(key, own.modRevision());
              Txn txn =
                  Txn.builder()
                      .when(free)
                      .then(Op.put(key, ProtoCodec.encodeBroker(allocated), leaseId))
                      .build();
              return store
                  .txn(txn)
                  .thenApply(
                      r -> r.succeeded() ? Optional.of(allocated) : Optional.<BrokerRecord>empty());
            });
  }

  /** Registrations written by this same process incarnation (under a lease it has given up). */
  private Map<Integer, KeyValue> ownRegistrations(List<KeyValue> kvs, String incarnation) {
    Map<Integer, KeyValue> ours = new HashMap<>();
    for (KeyValue kv : kvs) {
      try {
        if (ProtoCodec.decodeBroker(kv.value()).incarnation().equals(incarnation)) {
          ours.put(keys.brokerIdOf(kv.key()), kv);
        }
      } catch (RuntimeException e) {
        // A key or value that is not a registration of ours: not ours to replace.
      }
    }
    return ours;
  }

  private Set<Integer> usedIds(List<KeyValue> kvs) {
    Set<Integer> used = new HashSet<>();
    for (KeyValue kv : kvs) {
      try {
        used.add(keys.brokerIdOf(kv.key()));
      } catch (IllegalArgumentException e) {
        // Not a broker key (nothing else lives there today): it blocks no id.
      }
    }
    return used;
  }

  /** {@code preferredId} if it is free, else the lowest free id. Pure. */
  static int chooseId(Set<Integer> used, int preferredId) {
    if (preferredId >= 0 && !used.contains(preferredId)) {
      return preferredId;
    }
    int id = 0;
    while (used.contains(id)) {
      id++;
    }
    return id;
  }

  @Override
  public CompletableFuture<Boolean> update(BrokerRecord broker, long leaseId) {
    return ifSameIncarnation(
        "update broker " + broker.brokerId(),
        broker,
        key -> Op.put(key, ProtoCodec.encodeBroker(broker), leaseId));
  }

  @Override
  public CompletableFuture<Void> deregister(BrokerRecord broker) {
    return ifSameIncarnation("deregister broker " + broker.brokerId(), broker, Op::delete)
        .thenApply(done -> null);
  }

  /** Runs {@code write} on the broker's key if it still holds {@code broker}'s incarnation. */
  private CompletableFuture<Boolean> ifSameIncarnation(
      String what, BrokerRecord broker, Function<String, Op> write) {
    if (broker.brokerId() < 0) {
      return CompletableFuture.completedFuture(false);
    }
    String key = keys.broker(broker.brokerId());
    return CasLoop.run(
        what,
        () ->
            store
                .get(key)
                .thenCompose(
                    kv -> {
                      if (kv.isEmpty()
                          || !ProtoCodec.decodeBroker(kv.get().value())
                              .incarnation()
                              .equals(broker.incarnation())) {
                        return CompletableFuture.completedFuture(Optional.of(false));
                      }
                      Txn txn =
                          Txn.builder()
                              .when(Compare.modRevisionEquals(key, kv.get().modRevision()))
                              .then(write.apply(key))
                              .build();
                      return store
                          .txn(txn)
                          .thenApply(
                              r -> r.succeeded() ? Optional.of(true) : Optional.<Boolean>empty());
                    }));
  }
}
