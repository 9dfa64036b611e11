/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.ProduceVerificationTest.transactional;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

/** The produce-path gate: verification before the first transactional append, in order. */
class TransactionalProduceGateTest {
  private static final PartitionRef ORDERS = new PartitionRef("orders", 0);

  /** A verifier whose answers the test completes. */
  private static final class FakeVerifier implements TransactionVerifier {
    final List<CompletableFuture<Errors>> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Errors> verify(
        String transactionalId, long producerId, short producerEpoch, PartitionRef partition) {
      CompletableFuture<Errors> f = new CompletableFuture<>();
      calls.add(f);
      return f;
    }
  }

  private final FakeVerifier verifier = new FakeVerifier();
  private final TransactionalProduceGate gate = new TransactionalProduceGate(verifier);
  private final List<String> appended = new CopyOnWriteArrayList<>();
  private volatile List<ProducerSnapshot> states = List.of();

  private final PartitionLog log =
      (PartitionLog)
          Proxy.newProxyInstance(
              PartitionLog.class.getClassLoader(),
              new Class<?>[] {PartitionLog.class},
              (proxy, method, args) -> {
                if (method.getName().equals("producerStates")) {
                  return CompletableFuture.completedFuture(states);
                }
                throw new UnsupportedOperationException(method.getName());
              });

  private CompletableFuture<String> produce(String name, ByteBuffer records, short version) {
    return gate.admit(
        "tx",
        log,
        ORDERS,
        records,
        version,
        r -> name + ":" + r.error(),
        () -> {
          appended.add(name);
          return CompletableFuture.completedFuture(name + ":appended");
        });
  }

  @Test
  void shouldAppendOnlyAfterTheCoordinatorConfirmed() {
    // Given
    CompletableFuture<String> answer = produce("a", transactional(7, (short) 0), (short) 9);
    assertThat(appended).isEmpty();
    // When
    verifier.calls.get(0).complete(Errors.NONE);
    // Then
    assertThat(answer).isCompletedWithValue("a:appended");
    assertThat(appended).containsExactly("a");
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void shouldRejectWithoutAppendingWhenThePartitionWasNotAdded() {
    // When
    CompletableFuture<String> old = produce("old", transactional(7, (short) 0), (short) 10);
    verifier.calls.get(0).complete(Errors.TRANSACTION_ABORTABLE);
    CompletableFuture<String> recent = produce("new", transactional(7, (short) 0), (short) 11);
    verifier.calls.get(1).complete(Errors.TRANSACTION_ABORTABLE);
    // Then
    assertThat(old).isCompletedWithValue("old:" + Errors.INVALID_TXN_STATE);
    assertThat(recent).isCompletedWithValue("new:" + Errors.TRANSACTION_ABORTABLE);
    assertThat(appended).isEmpty();
  }

  @Test
  void shouldSkipVerificationWhileTheProducerHasAnOngoingTransaction() {
    // Given
    states = List.of(new ProducerSnapshot(7, (short) 0, List.of(), 0, 42));
    // When
    CompletableFuture<String> answer = produce("a", transactional(7, (short) 0), (short) 9);
    // Then
    assertThat(answer).isCompletedWithValue("a:appended");
    assertThat(verifier.calls).isEmpty();
  }

  @Test
  void shouldAppendNonTransactionalBatchesAtOnce() {
    ByteBuffer idempotent =
        MemoryRecords.withIdempotentRecords(
                Compression.NONE, 7, (short) 0, 0, new SimpleRecord("v".getBytes()))
            .buffer();
    assertThat(produce("a", idempotent, (short) 9)).isCompletedWithValue("a:appended");
    assertThat(verifier.calls).isEmpty();
  }

  @Test
  void shouldKeepTheArrivalOrderOfOneProducersBatchesWhenAnswersArriveOutOfOrder() {
    // Given three produce requests of one producer to one partition, all awaiting verification
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      answers.add(produce(name, transactional(7, (short) 0), (short) 9));
    }
    // Then only the first asks the coordinator; the others wait their turn
    assertThat(verifier.calls).hasSize(1);
    // When the answers come one by one
    verifier.calls.get(0).complete(Errors.NONE);
    verifier.calls.get(1).complete(Errors.NONE);
    verifier.calls.get(2).complete(Errors.NONE);
    // Then appends happened in arrival order
    assertThat(appended).containsExactly("a", "b", "c");
    assertThat(answers).allSatisfy(a -> assertThat(a).isCompleted());
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void shouldNotOrderDifferentProducersAgainstEachOther() {
    // Given
    CompletableFuture<String> a = produce("a", transactional(7, (short) 0), (short) 9);
    CompletableFuture<String> b = produce("b", transactional(8, (short) 0), (short) 9);
    // Then both asked the coordinator at once
    assertThat(verifier.calls).hasSize(2);
    // When the second producer's answer comes first
    verifier.calls.get(1).complete(Errors.NONE);
    // Then it appended without waiting
    assertThat(b).isCompletedWithValue("b:appended");
    assertThat(a).isNotDone();
    verifier.calls.get(0).complete(Errors.NONE);
    assertThat(appended).containsExactly("b", "a");
  }
}
