/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.txn.ProduceVerification.Rejection;
import io.kafscale.broker.txn.ProduceVerification.TxnProducer;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * KIP-890 part 1 on the produce path: a transactional batch from a producer without an ongoing
 * transaction (at its epoch) on the partition is appended only after the {@link
 * TransactionVerifier} confirmed that the coordinator added the partition to the transaction;
 * otherwise the partition is refused with the error {@link ProduceVerification#rejection} picks.
 * Checks of one producer on one partition run one at a time, in arrival order, so appends keep the
 * order the producer sent them in; the only state kept is that one in-flight chain per (producer,
 * partition), dropped when it drains. Never blocks the caller: the decision and the append run
 * where the producer-state read or the coordinator's answer completes. Thread-safe.
 */
public final class TransactionalProduceGate {
  private final TransactionVerifier verifier;
  private final Map<Key, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

  public TransactionalProduceGate(TransactionVerifier verifier) {
    this.verifier = verifier;
  }

  private record Key(long producerId, PartitionRef partition) {}

  /**
   * Appends {@code records} of Produce v{@code produceVersion} with {@code append} once allowed, or
   * answers {@code reject}'s value. Batches that are not transactional are appended at once.
   */
  public <T> CompletableFuture<T> admit(
      String transactionalId,
      PartitionLog log,
      PartitionRef partition,
      ByteBuffer records,
      short produceVersion,
      Function<Rejection, T> reject,
      Supplier<CompletableFuture<T>> append) {
    Optional<TxnProducer> producer = ProduceVerification.transactionalProducer(records);
    if (producer.isEmpty()) {
      return append.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Key key = new Key(producer.get().producerId(), partition);
    CompletableFuture<Void> started = new CompletableFuture<>();
    List<CompletableFuture<Void>> before = new ArrayList<>(1);
    chains.compute(
        key,
        (k, tail) -> {
          if (tail != null) {
            before.add(tail);
          }
          return started;
        });
    Runnable step =
        () ->
            check(transactionalId, log, partition, producer.get(), produceVersion)
                .whenComplete(
                    (rejection, e) -> {
                      try {
                        if (e == null && rejection.isPresent()) {
                          result.complete(reject.apply(rejection.get()));
                        } else {
                          // Verified, or the log could not tell (closed): its append answers.
                          append.get().whenComplete(into(result));
                        }
                      } catch (RuntimeException x) {
                        result.completeExceptionally(x);
                      } finally {
                        started.complete(null);
                        chains.remove(key, started);
                      }
                    });
    // Each link has one dependent, the next check of this producer and partition: FIFO.
    if (before.isEmpty()) {
      step.run();
    } else {
      before.get(0).whenComplete((v, e) -> step.run());
    }
    return result;
  }

  /** Producer-partition chains in flight (tests). */
  int inFlight() {
    return chains.size();
  }

  private static <T> BiConsumer<T, Throwable> into(CompletableFuture<T> result) {
    return (v, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(v);
      }
    };
  }

  private CompletableFuture<Optional<Rejection>> check(
      String transactionalId,
      PartitionLog log,
      PartitionRef partition,
      TxnProducer producer,
      short produceVersion) {
    CompletableFuture<List<ProducerSnapshot>> states;
    try {
      states = log.producerStates();
    } catch (RuntimeException e) {
      states = CompletableFuture.failedFuture(e);
    }
    return states.thenCompose(
        s -> {
          if (!ProduceVerification.needsVerification(producer, s)) {
            return CompletableFuture.completedFuture(Optional.<Rejection>empty());
          }
          return verifier
              .verify(transactionalId, producer.producerId(), producer.producerEpoch(), partition)
              .thenApply(answer -> ProduceVerification.rejection(answer, produceVersion));
        });
  }
}
