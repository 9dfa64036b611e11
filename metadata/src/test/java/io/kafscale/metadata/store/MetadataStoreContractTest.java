/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataStore} must have (etcd's semantics), written against the port
 * only. Subclasses create the store and say how time passes for leases.
 */
public abstract class MetadataStoreContractTest {
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);
  protected static final Duration LEASE_TTL = Duration.ofSeconds(5);

  protected MetadataStore store;

  /** A fresh, empty store. */
  protected abstract MetadataStore createStore() throws Exception;

  /** Makes {@code d} pass for lease deadlines (move a manual clock, or wait for real stores). */
  protected abstract void advanceTime(Duration d);

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  protected static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }

  protected TxnResult put(String key, String value) {
    return join(store.txn(Txn.builder().then(Op.put(key, bytes(value))).build()));
  }

  protected Optional<String> value(String key) {
    return join(store.get(key)).map(KeyValue::valueAsString);
  }

  @Test
  void shouldReturnEmptyWhenKeyIsAbsent() {
    assertThat(join(store.get("/t/missing"))).isEmpty();
  }

  @Test
  void shouldKeepCreateRevisionAndAdvanceModRevisionOnOverwrite() {
    // Given
    long first = put("/t/a", "1").revision();
    // When
    long second = put("/t/a", "2").revision();
    // Then
    KeyValue kv = join(store.get("/t/a")).orElseThrow();
    assertThat(second).isGreaterThan(first);
    assertThat(kv.valueAsString()).isEqualTo("2");
    assertThat(kv.createRevision()).isEqualTo(first);
    assertThat(kv.modRevision()).isEqualTo(second);
  }

  @Test
  void shouldWriteEveryOpOfATransactionAtOneRevision() {
    // When
    TxnResult r =
        join(
            store.txn(
                Txn.builder()
                    .then(Op.put("/t/a", bytes("a")))
                    .then(Op.put("/t/b", bytes("b")))
                    .build()));
    // Then
    assertThat(r.succeeded()).isTrue();
    assertThat(join(store.getPrefix("/t/")))
        .extracting(KeyValue::modRevision)
        .containsOnly(r.revision());
    assertThat(join(store.currentRevision())).isEqualTo(r.revision());
  }

  @Test
  void shouldRunSuccessOpsWhenAbsentCompareHolds() {
    // When
    TxnResult r =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.absent("/t/a"))
                    .then(Op.put("/t/a", bytes("x")))
                    .build()));
    // Then
    assertThat(r.succeeded()).isTrue();
    assertThat(value("/t/a")).contains("x");
  }

  @Test
  void shouldRunFailureOpsAndWriteNothingWhenAbsentCompareFails() {
    // Given
    long before = put("/t/a", "old").revision();
    // When
    TxnResult r =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.absent("/t/a"))
                    .then(Op.put("/t/a", bytes("new")))
                    .otherwise(Op.get("/t/a"))
                    .build()));
    // Then
    assertThat(r.succeeded()).isFalse();
    assertThat(r.revision()).isEqualTo(before);
    assertThat(r.gets()).hasSize(1);
    assertThat(r.gets().get(0).orElseThrow().valueAsString()).isEqualTo("old");
    assertThat(value("/t/a")).contains("old");
  }

  @Test
  void shouldCompareAndSetOnlyWhenModRevisionMatches() {
    // Given
    long rev = put("/t/a", "1").revision();
    put("/t/a", "2");
    // When
    TxnResult stale =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.modRevisionEquals("/t/a", rev))
                    .then(Op.put("/t/a", bytes("3")))
                    .build()));
    long current = join(store.get("/t/a")).orElseThrow().modRevision();
    TxnResult fresh =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.modRevisionEquals("/t/a", current))
                    .then(Op.put("/t/a", bytes("4")))
                    .build()));
    // Then
    assertThat(stale.succeeded()).isFalse();
    assertThat(fresh.succeeded()).isTrue();
    assertThat(value("/t/a")).contains("4");
  }

  @Test
  void shouldTreatModRevisionZeroAsAbsent() {
    // When
    TxnResult r =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.modRevisionEquals("/t/a", 0))
                    .then(Op.put("/t/a", bytes("x")))
                    .build()));
    TxnResult again =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.modRevisionEquals("/t/a", 0))
                    .then(Op.put("/t/a", bytes("y")))
                    .build()));
    // Then
    assertThat(r.succeeded()).isTrue();
    assertThat(again.succeeded()).isFalse();
    assertThat(value("/t/a")).contains("x");
  }

  @Test
  void shouldCompareByValue() {
    // Given
    put("/t/a", "v1");
    // When
    TxnResult wrong =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.valueEquals("/t/a", bytes("v0")))
                    .then(Op.put("/t/a", bytes("w")))
                    .build()));
    TxnResult right =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.valueEquals("/t/a", bytes("v1")))
                    .then(Op.put("/t/a", bytes("v2")))
                    .build()));
    TxnResult absent =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.valueEquals("/t/b", bytes("")))
                    .then(Op.put("/t/b", bytes("x")))
                    .build()));
    // Then
    assertThat(wrong.succeeded()).isFalse();
    assertThat(right.succeeded()).isTrue();
    assertThat(absent.succeeded()).isFalse();
    assertThat(value("/t/a")).contains("v2");
    assertThat(value("/t/b")).isEmpty();
  }

  @Test
  void shouldReturnPrefixInKeyOrderWithoutSiblingPrefixes() {
    // Given
    put("/t/p/b", "2");
    put("/t/pq/a", "x");
    put("/t/p/a", "1");
    put("/t/o", "y");
    // When
    List<KeyValue> kvs = join(store.getPrefix("/t/p/"));
    // Then
    assertThat(kvs).extracting(KeyValue::key).containsExactly("/t/p/a", "/t/p/b");
  }

  @Test
  void shouldDeleteKeyAndPrefixInOneTransaction() {
    // Given
    put("/t/x/1", "a");
    put("/t/x/2", "b");
    put("/t/xy", "keep");
    put("/t/single", "c");
    // When
    TxnResult r =
        join(
            store.txn(
                Txn.builder()
                    .then(Op.deletePrefix("/t/x/"))
                    .then(Op.delete("/t/single"))
                    .then(Op.delete("/t/none"))
                    .build()));
    // Then
    assertThat(r.succeeded()).isTrue();
    assertThat(join(store.getPrefix("/t/"))).extracting(KeyValue::key).containsExactly("/t/xy");
  }

  @Test
  void shouldAdvanceRevisionOnlyForTransactionsThatWrite() {
    // Given
    long r1 = put("/t/a", "1").revision();
    // When
    TxnResult failed =
        join(
            store.txn(
                Txn.builder()
                    .when(Compare.absent("/t/a"))
                    .then(Op.put("/t/a", bytes("2")))
                    .build()));
    TxnResult readOnly = join(store.txn(Txn.builder().then(Op.get("/t/a")).build()));
    TxnResult noop = join(store.txn(Txn.builder().then(Op.delete("/t/none")).build()));
    long r2 = put("/t/b", "1").revision();
    // Then
    assertThat(failed.revision()).isEqualTo(r1);
    assertThat(readOnly.revision()).isEqualTo(r1);
    assertThat(noop.revision()).isEqualTo(r1);
    assertThat(r2).isEqualTo(r1 + 1);
  }

  @Test
  void shouldSerialiseConcurrentCompareAndSetIncrements() throws Exception {
    // Given
    put("/t/counter", "0");
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // When
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        all.add(CompletableFuture.runAsync(() -> incrementTimes(perThread), pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    // Then
    assertThat(value("/t/counter")).contains(String.valueOf(threads * perThread));
  }

  private void incrementTimes(int n) {
    for (int i = 0; i < n; ) {
      KeyValue kv = join(store.get("/t/counter")).orElseThrow();
      int next = Integer.parseInt(kv.valueAsString()) + 1;
      TxnResult r =
          join(
              store.txn(
                  Txn.builder()
                      .when(Compare.modRevisionEquals(kv.key(), kv.modRevision()))
                      .then(Op.put(kv.key(), bytes(String.valueOf(next))))
                      .build()));
      if (r.succeeded()) {
        i++;
      }
    }
  }

  @Test
  void shouldDeleteLeasedKeysWhenLeaseExpires() {
    // Given
    long lease = join(store.grantLease(LEASE_TTL));
    join(
        store.txn(
            Txn.builder()
                .then(Op.put("/t/owned", bytes("me"), lease))
                .then(Op.put("/t/free", bytes("x")))
                .build()));
    // When
    advanceTime(LEASE_TTL.plusSeconds(1));
    // Then
    await().atMost(TIMEOUT).until(() -> value("/t/owned").isEmpty());
    assertThat(value("/t/free")).contains("x");
    assertThat(failureOf(store.keepAlive(lease))).isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void shouldKeepLeasedKeysWhileKeptAlive() {
    // Given
    long lease = join(store.grantLease(LEASE_TTL));
    join(store.txn(Txn.builder().then(Op.put("/t/owned", bytes("me"), lease)).build()));
    // When
    advanceTime(LEASE_TTL.multipliedBy(3).dividedBy(5));
    join(store.keepAlive(lease));
    advanceTime(LEASE_TTL.multipliedBy(3).dividedBy(5));
    // Then
    assertThat(value("/t/owned")).contains("me");
  }

  @Test
  void shouldDeleteLeasedKeysWhenLeaseIsRevoked() {
    // Given
    long lease = join(store.grantLease(LEASE_TTL));
    join(
        store.txn(
            Txn.builder()
                .then(Op.put("/t/a", bytes("1"), lease))
                .then(Op.put("/t/b", bytes("2"), lease))
                .build()));
    // When
    join(store.revokeLease(lease));
    // Then
    assertThat(join(store.getPrefix("/t/"))).isEmpty();
    assertThat(failureOf(store.keepAlive(lease))).isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void shouldRejectPutWithUnknownLeaseAndWriteNothing() {
    // When
    Throwable failure =
        failureOf(
            store.txn(
                Txn.builder()
                    .then(Op.put("/t/a", bytes("1")))
                    .then(Op.put("/t/b", bytes("2"), 987654321L))
                    .build()));
    // Then
    assertThat(failure).isInstanceOf(LeaseNotFoundException.class);
    assertThat(join(store.getPrefix("/t/"))).isEmpty();
  }

  @Test
  void shouldDeliverPutsAndDeletesUnderPrefixInRevisionOrder() {
    // Given
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Watch w = store.watchPrefix("/t/w/", 0, seen::addAll);
    try {
      // When
      long r1 = put("/t/w/a", "1").revision();
      put("/t/other", "ignored");
      long r2 = put("/t/w/b", "2").revision();
      long r3 = join(store.txn(Txn.builder().then(Op.delete("/t/w/a")).build())).revision();
      // Then
      await().atMost(TIMEOUT).until(() -> seen.size() == 3);
      assertThat(seen)
          .extracting(WatchEvent::type)
          .containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE);
      assertThat(seen).extracting(e -> e.kv().key()).containsExactly("/t/w/a", "/t/w/b", "/t/w/a");
      assertThat(seen).extracting(WatchEvent::revision).containsExactly(r1, r2, r3);
      assertThat(seen.get(1).kv().valueAsString()).isEqualTo("2");
    } finally {
      w.close();
    }
  }

  @Test
  void shouldReplayEventsFromAPastRevision() {
    // Given
    put("/t/w/a", "1");
    long from = put("/t/w/a", "2").revision();
    put("/t/w/b", "3");
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    // When
    Watch w = store.watchPrefix("/t/w/", from, seen::addAll);
    try {
      put("/t/w/c", "4");
      // Then
      await().atMost(TIMEOUT).until(() -> seen.size() == 3);
      assertThat(seen).extracting(e -> e.kv().valueAsString()).containsExactly("2", "3", "4");
    } finally {
      w.close();
    }
  }

  @Test
  void shouldStopDeliveringAfterWatchIsClosed() {
    // Given
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Watch w = store.watchPrefix("/t/w/", 0, seen::addAll);
    put("/t/w/a", "1");
    await().atMost(TIMEOUT).until(() -> seen.size() == 1);
    // When
    w.close();
    put("/t/w/b", "2");
    List<WatchEvent> probe = Collections.synchronizedList(new ArrayList<>());
    Watch later = store.watchPrefix("/t/w/", 0, probe::addAll);
    try {
      put("/t/w/c", "3");
      await().atMost(TIMEOUT).until(() -> probe.size() == 1);
    } finally {
      later.close();
    }
    // Then
    assertThat(seen).hasSize(1);
  }

  @Test
  void shouldFailOperationsAfterClose() {
    // When
    store.close();
    // Then
    assertThat(failureOf(store.get("/t/a"))).isInstanceOf(MetadataStoreException.class);
    assertThat(failureOf(store.txn(Txn.builder().then(Op.put("/t/a", bytes("1"))).build())))
        .isInstanceOf(MetadataStoreException.class);
    assertThatThrownBy(() -> store.watchPrefix("/t/", 0, e -> {}))
        .isInstanceOf(MetadataStoreException.class);
  }
}
