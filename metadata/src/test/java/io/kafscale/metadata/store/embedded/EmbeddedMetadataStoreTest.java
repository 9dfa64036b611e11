/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreContractTest;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the store contract against the embedded store, plus its persistence and recovery rules. */
class EmbeddedMetadataStoreTest extends MetadataStoreContractTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private EmbeddedStoreOptions options() {
    return EmbeddedStoreOptions.defaults()
        .withClock(clock)
        .withLeaseCheckInterval(Duration.ofMillis(5));
  }

  @Override
  protected MetadataStore createStore() {
    return EmbeddedMetadataStore.open(dir, options());
  }

  @Override
  protected void advanceTime(Duration d) {
    clock.advance(d);
  }

  private MetadataStore reopen() {
    store.close();
    store = EmbeddedMetadataStore.open(dir, options());
    return store;
  }

  private Path wal() {
    return dir.resolve(EmbeddedMetadataStore.WAL_NAME);
  }

  @Test
  void shouldKeepEveryCommittedWriteAfterReopen() {
    // Given
    put("/t/a", "1");
    put("/t/b", "2");
    long last =
        join(store.txn(
                Txn.builder().then(Op.delete("/t/a")).then(Op.put("/t/c", bytes("3"))).build()))
            .revision();
    KeyValue b = join(store.get("/t/b")).orElseThrow();
    // When
    reopen();
    // Then
    assertThat(join(store.getPrefix("/t/")))
        .extracting(KeyValue::key)
        .containsExactly("/t/b", "/t/c");
    assertThat(join(store.get("/t/b"))).contains(b);
    assertThat(join(store.currentRevision())).isEqualTo(last);
    assertThat(put("/t/d", "4").revision()).isEqualTo(last + 1);
  }

  @Test
  void shouldKeepCommittedWritesAfterReopenWhenFsyncIsOff() {
    // Given: a store that leaves its log in the OS page cache (process crash safe only)
    store.close();
    store = EmbeddedMetadataStore.open(dir, options().withFsync(false));
    put("/t/a", "1");
    long last = put("/t/b", "2").revision();
    // When
    reopen();
    // Then
    assertThat(value("/t/a")).contains("1");
    assertThat(value("/t/b")).contains("2");
    assertThat(join(store.currentRevision())).isEqualTo(last);
  }

  @Test
  void shouldFsyncByDefault() {
    assertThat(EmbeddedStoreOptions.defaults().fsync()).isTrue();
    assertThat(EmbeddedStoreOptions.defaults().withFsync(false).withClock(clock).fsync()).isFalse();
  }

  @Test
  void shouldTruncateATornTailRecordAndKeepWorking() throws IOException {
    // Given
    put("/t/a", "1");
    long rev = put("/t/b", "2").revision();
    store.close();
    long intactEnd = recordsEnd();
    writeAfterRecords(ByteBuffer.allocate(12).putInt(500).putInt(7).putInt(42).flip());
    // When
    store = EmbeddedMetadataStore.open(dir, options());
    // Then
    store.close();
    assertThat(recordsEnd()).isEqualTo(intactEnd);
    store = EmbeddedMetadataStore.open(dir, options());
    assertThat(value("/t/b")).contains("2");
    assertThat(put("/t/c", "3").revision()).isEqualTo(rev + 1);
    reopen();
    assertThat(value("/t/c")).contains("3");
  }

  @Test
  void shouldTruncateALastRecordWithABadChecksum() throws IOException {
    // Given
    put("/t/a", "1");
    store.close();
    long endAfterFirst = recordsEnd();
    store = EmbeddedMetadataStore.open(dir, options());
    put("/t/b", "2");
    store.close();
    flipByte(recordsEnd() - 1);
    // When
    store = EmbeddedMetadataStore.open(dir, options());
    // Then
    store.close();
    assertThat(recordsEnd()).isEqualTo(endAfterFirst);
    store = EmbeddedMetadataStore.open(dir, options());
    assertThat(value("/t/a")).contains("1");
    assertThat(value("/t/b")).isEmpty();
  }

  @Test
  void shouldRefuseToOpenWhenARecordInTheMiddleIsCorrupt() throws IOException {
    // Given
    put("/t/a", "1");
    put("/t/b", "2");
    store.close();
    store = null;
    flipByte(WalRecord.HEADER_BYTES + 3);
    // When / Then
    assertThatThrownBy(() -> EmbeddedMetadataStore.open(dir, options()))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void shouldRefuseASecondStoreOnTheSameDirectory() {
    // When / Then
    assertThatThrownBy(() -> EmbeddedMetadataStore.open(dir, options()))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("locked");
  }

  @Test
  void shouldSnapshotAndEmptyTheLogWhenItGrowsPastTheThreshold() throws IOException {
    // Given
    store.close();
    store = EmbeddedMetadataStore.open(dir, options().withSnapshotThresholdBytes(4096));
    long last = 0;
    for (int i = 0; i < 200; i++) {
      last = put("/t/k" + (i % 50), "value-" + i).revision();
    }
    // When
    store.close();
    // Then
    assertThat(Files.exists(dir.resolve(SnapshotFile.NAME))).isTrue();
    assertThat(recordsEnd()).isLessThan(4096 + 1024);
    store = EmbeddedMetadataStore.open(dir, options());
    assertThat(join(store.getPrefix("/t/"))).hasSize(50);
    assertThat(value("/t/k49")).contains("value-199");
    assertThat(join(store.currentRevision())).isEqualTo(last);
  }

  @Test
  void shouldDropLeasedKeysWhenReopened() {
    // Given
    long lease = join(store.grantLease(Duration.ofMinutes(10)));
    join(
        store.txn(
            Txn.builder()
                .then(Op.put("/t/leased", bytes("x"), lease))
                .then(Op.put("/t/plain", bytes("y")))
                .build()));
    // When
    reopen();
    // Then
    assertThat(value("/t/leased")).isEmpty();
    assertThat(value("/t/plain")).contains("y");
    long newLease = join(store.grantLease(Duration.ofMinutes(1)));
    assertThat(newLease).isNotEqualTo(lease);
  }

  @Test
  void shouldCompleteConcurrentWritesWithDistinctRevisions() {
    // When
    List<Long> revisions =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> store.txn(Txn.builder().then(Op.put("/t/k" + i, bytes("v"))).build()))
            .toList()
            .stream()
            .map(f -> join(f).revision())
            .toList();
    // Then
    assertThat(revisions).doesNotHaveDuplicates().hasSize(200);
    reopen();
    assertThat(join(store.getPrefix("/t/"))).hasSize(200);
  }

  @Test
  void shouldCommitAVirtualThreadsWriteOnThatThread() throws Exception {
    // When: a virtual thread (as the object store's uploads are) writes while no one else does
    AtomicBoolean doneOnReturn = new AtomicBoolean();
    AtomicLong revision = new AtomicLong();
    Thread.ofVirtual()
        .start(
            () -> {
              CompletableFuture<TxnResult> f =
                  store.txn(Txn.builder().then(Op.put("/t/v", bytes("1"))).build());
              doneOnReturn.set(f.isDone());
              revision.set(f.join().revision());
            })
        .join();

    // Then: it wrote and synced the batch itself, so the write is done when txn returns
    assertThat(doneOnReturn).isTrue();
    reopen();
    assertThat(join(store.get("/t/v")).orElseThrow().modRevision()).isEqualTo(revision.get());
  }

  @Test
  void shouldKeepEachWritersOrderWhenVirtualAndPlatformThreadsWriteAtOnce() throws Exception {
    // Given: virtual and platform threads that each write their own key 100 times without waiting
    int writers = 8;
    int writes = 100;
    List<List<CompletableFuture<TxnResult>>> submitted = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      List<CompletableFuture<TxnResult>> mine = new ArrayList<>();
      submitted.add(mine);
      String key = "/t/w" + w;
      Runnable body =
          () -> {
            for (int i = 0; i < writes; i++) {
              mine.add(store.txn(Txn.builder().then(Op.put(key, bytes("" + i))).build()));
            }
          };
      threads.add(w % 2 == 0 ? Thread.ofVirtual().unstarted(body) : new Thread(body));
    }

    // When
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    // Then: every write has its own revision, in each writer's order, and the last value stays
    List<Long> all = new ArrayList<>();
    for (List<CompletableFuture<TxnResult>> mine : submitted) {
      List<Long> revisions = mine.stream().map(f -> join(f).revision()).toList();
      assertThat(revisions).isSorted();
      all.addAll(revisions);
    }
    assertThat(all).doesNotHaveDuplicates().hasSize(writers * writes);
    reopen();
    for (int w = 0; w < writers; w++) {
      assertThat(value("/t/w" + w)).contains("" + (writes - 1));
    }
  }

  /** Where the log's records end (the file may go on with preallocated zeros). Store closed. */
  private long recordsEnd() throws IOException {
    try (WriteAheadLog log = new WriteAheadLog(wal(), 0)) {
      log.replay(record -> {});
      return log.size();
    }
  }

  /** Writes {@code buf} where the next record would go, as a torn append would. Store closed. */
  private void writeAfterRecords(ByteBuffer buf) throws IOException {
    long at = recordsEnd();
    try (FileChannel ch = FileChannel.open(wal(), StandardOpenOption.WRITE)) {
      ch.write(buf, at);
    }
  }

  private void flipByte(long position) throws IOException {
    try (FileChannel ch =
        FileChannel.open(wal(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      ch.write(one, position);
    }
  }
}
