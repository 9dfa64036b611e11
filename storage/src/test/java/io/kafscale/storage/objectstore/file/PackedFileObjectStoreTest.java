/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreContractTest;
import io.kafscale.storage.objectstore.ObjectStoreException;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store contract with small packs (so the contract's writes roll, reclaim and merge
 * packs), plus what only the pack store does: recovery, torn tails, space reclamation, merging and
 * reading objects of the one-file-per-key layout.
 */
class PackedFileObjectStoreTest extends ObjectStoreContractTest {

  private static final long SMALL_PACK = 4096;

  @TempDir Path root;

  @Override
  protected ObjectStore createStore() {
    return open(true);
  }

  private PackedFileObjectStore open(boolean fsync) {
    return new PackedFileObjectStore(
        root.resolve("packs"), fsync, SMALL_PACK, root.resolve("objects"));
  }

  private PackedFileObjectStore reopenAt(Path dir) {
    store.close();
    PackedFileObjectStore reopened = new PackedFileObjectStore(dir, true);
    store = reopened;
    return reopened;
  }

  private PackedFileObjectStore reopen(boolean fsync) {
    store.close();
    PackedFileObjectStore reopened = open(fsync);
    store = reopened;
    return reopened;
  }

  @Test
  void shouldKeepObjectsAndDeletesWhenReopened() throws Exception {
    // Given: objects over several packs, one replaced, one deleted
    for (int i = 0; i < 20; i++) {
      await(store.create(prefix + i, bytes("value-" + i + "-" + "x".repeat(500))));
    }
    await(store.put(prefix + 3, bytes("replaced")));
    await(store.delete(prefix + 4));
    // When
    reopen(true);
    // Then
    assertThat(text(await(store.get(prefix + 3)))).isEqualTo("replaced");
    assertThat(text(await(store.get(prefix + 5)))).startsWith("value-5-");
    assertThat(failure(store.get(prefix + 4))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(await(store.list(prefix))).hasSize(19);
  }

  @Test
  void shouldNotBringBackReplacedCopyWhenPackOfItsReplacementIsGone() throws Exception {
    // Given: a copy in the first pack, replaced in the second, then deleted there
    await(store.create(prefix + "k", bytes("first copy")));
    await(store.create(prefix + "other", bytes("keeps the first pack")));
    reopen(true);
    await(store.put(prefix + "k", bytes("second copy")));
    await(store.delete(prefix + "k"));
    // When: reopening drops the second pack (nothing live in it)
    reopen(true);
    // Then: the first copy stays dead, now and after another reopen
    assertThat(failure(store.get(prefix + "k"))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(failure(reopen(true).get(prefix + "k"))).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void shouldCutTornTailOfNewestPackAndKeepEverythingBefore() throws Exception {
    // Given: two objects in one pack, the second cut short as by a crash mid-write
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    await(store.create(prefix + "a", bytes("first")));
    await(store.create(prefix + "b", bytes("second-" + "y".repeat(100))));
    Path pack = packs(packed.directory()).getFirst();
    store.close();
    try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.WRITE)) {
      ch.truncate(recordsEnd(pack) - 10);
    }
    // When
    PackedFileObjectStore reopened = open(true);
    store = reopened;
    // Then: the intact object is there, the torn one is not, and writing goes on
    assertThat(text(await(store.get(prefix + "a")))).isEqualTo("first");
    assertThat(failure(store.get(prefix + "b"))).isInstanceOf(ObjectNotFoundException.class);
    await(store.create(prefix + "b", bytes("again")));
    assertThat(text(await(reopen(true).get(prefix + "b")))).isEqualTo("again");
  }

  @Test
  void shouldReopenLongKeysAndLargeObjectsAndCutOneTornInsideItsData() throws Exception {
    // Given: keys longer than the scan reads at a record's start (also of a delete record), data
    // over several scan chunks, and in the newest pack a large object whose data is damaged near
    // its end
    String longKey = prefix + "k".repeat(2_000);
    byte[] large = new byte[200_000];
    new java.util.Random(7).nextBytes(large);
    await(store.create(longKey + 1, ByteBuffer.wrap(large)));
    await(store.create(longKey + 2, bytes("small")));
    await(store.create(longKey + 3, bytes("deleted")));
    await(store.delete(longKey + 3));
    await(store.create(prefix + "last", ByteBuffer.wrap(large)));
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    Path newest = packs(packed.directory()).getLast();
    store.close();
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), recordsEnd(newest) - 1_000);
    }
    // When
    store = open(true);
    // Then
    assertThat(await(store.get(longKey + 1))).isEqualTo(ByteBuffer.wrap(large));
    assertThat(text(await(store.get(longKey + 2)))).isEqualTo("small");
    assertThat(failure(store.get(longKey + 3))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(failure(store.get(prefix + "last"))).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void shouldCutGarbageDataAtTailOfNewestPack() throws Exception {
    // Given: the last record has its full length but its data were never written (zeros)
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    await(store.create(prefix + "a", bytes("first")));
    await(store.create(prefix + "b", bytes("second")));
    Path pack = packs(packed.directory()).getFirst();
    store.close();
    try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(6), recordsEnd(pack) - 6);
    }
    // When
    store = open(true);
    // Then
    assertThat(text(await(store.get(prefix + "a")))).isEqualTo("first");
    assertThat(failure(store.get(prefix + "b"))).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void shouldRefuseToOpenWhenSealedPackIsDamagedWithFsync() throws Exception {
    // Given: a damaged header in the oldest of several packs
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    for (int i = 0; i < 10; i++) {
      await(store.create(prefix + i, bytes("z".repeat(1000))));
    }
    Path oldest = packs(packed.directory()).getFirst();
    store.close();
    store = null;
    corruptFirstRecordHeader(oldest);
    // Then: with fsync, only the newest pack may have a torn tail
    assertThatThrownBy(() -> open(true))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining(oldest.getFileName().toString())
        .hasMessageContaining("damaged at offset 0");
    // Without fsync (a machine crash may leave several packs incomplete) the pack is cut instead
    store = open(false);
    assertThat(failure(store.get(prefix + 0))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(text(await(store.get(prefix + 9)))).isEqualTo("z".repeat(1000));
  }

  @Test
  void shouldRemovePacksWhenTheirObjectsAreDeleted() throws Exception {
    // Given: objects filling many packs
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    List<String> keys = IntStream.range(0, 40).mapToObj(i -> prefix + i).toList();
    for (String key : keys) {
      await(store.create(key, bytes("w".repeat(900))));
    }
    int packsBefore = packs(packed.directory()).size();
    assertThat(packsBefore).isGreaterThan(5);
    assertThat(packed.stats())
        .satisfies(s -> assertThat(s.packs()).isEqualTo(packsBefore))
        .satisfies(s -> assertThat(s.liveBytes()).isEqualTo(recordBytes(keys, 900)))
        .satisfies(s -> assertThat(s.packBytes()).isEqualTo(totalSize(packed.directory())));
    // When
    await(store.deleteAll(keys));
    // Then: only the active pack and the few that hold the (still needed) delete records are left
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(packs(packed.directory()).size()).isLessThanOrEqualTo(2));
    PackedFileObjectStore.Stats after = packed.stats();
    assertThat(after.liveBytes()).isZero();
    assertThat(after.packs()).isEqualTo(packs(packed.directory()).size());
    // Packs are numbered from 1, so the newest one's number is how many were ever created.
    String newest = packs(packed.directory()).getLast().getFileName().toString();
    long created = Long.parseLong(newest.replaceAll("\\D", ""));
    assertThat(after.packsRemoved()).isEqualTo(created - after.packs());
    assertThat(await(store.list(prefix))).isEmpty();
    assertThat(await(reopen(true).list(prefix))).isEmpty();
  }

  @Test
  void shouldMergeMostlyDeadPackKeepingItsLiveObject() throws Exception {
    // Given: one long-lived object among short-lived ones in the same pack
    PackedFileObjectStore packed = (PackedFileObjectStore) store;
    await(store.create(prefix + "keep", bytes("kept")));
    List<String> dead = IntStream.range(0, 3).mapToObj(i -> prefix + "dead-" + i).toList();
    for (String key : dead) {
      await(store.create(key, bytes("d".repeat(1000))));
    }
    Path first = packs(packed.directory()).getFirst();
    for (int i = 0; i < 10; i++) {
      await(store.create(prefix + "later-" + i, bytes("l".repeat(1000))));
    }
    // When
    await(store.deleteAll(dead));
    // Then: the first pack is merged away, the live object moved and still readable
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(first));
    assertThat(packed.stats().packsMerged()).isPositive();
    assertThat(text(await(store.get(prefix + "keep")))).isEqualTo("kept");
    reopen(true);
    assertThat(text(await(store.get(prefix + "keep")))).isEqualTo("kept");
    assertThat(await(store.list(prefix + "dead-"))).isEmpty();
    assertThat(await(store.list(prefix + "later-"))).hasSize(10);
  }

  @Test
  void shouldKeepEveryLiveObjectReadableWhilePacksRollMergeAndGo() throws Exception {
    // Given: writers that each keep every other object they write, so packs are always being
    // sealed, merged and removed while the objects kept are read back
    int writers = 6;
    int perWriter = 150;
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int w = 0; w < writers; w++) {
        String own = prefix + "w" + w + "/";
        runs.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    for (int i = 0; i < perWriter; i++) {
                      String value = own + i + "-" + "v".repeat(300 + i);
                      await(store.create(own + i, bytes(value)));
                      if (i % 2 == 1) {
                        await(store.delete(own + (i - 1)));
                      }
                      // Then: each object kept so far reads back whole, wherever it moved
                      for (int k = 1; k <= i; k += 2) {
                        assertThat(text(await(store.get(own + k))))
                            .isEqualTo(own + k + "-" + "v".repeat(300 + k));
                      }
                    }
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                },
                pool));
      }
      await(CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)));
    }
    assertThat(await(store.list(prefix))).hasSize(writers * perWriter / 2);
    assertThat(await(reopen(true).list(prefix))).hasSize(writers * perWriter / 2);
  }

  @Test
  void shouldShareForcesBetweenConcurrentWritersAndKeepEveryWrite() throws Exception {
    // Given: a store with packs large enough not to roll, and eight writers at once
    store.close();
    PackedFileObjectStore packed = new PackedFileObjectStore(root.resolve("big"), true);
    store = packed;
    int writers = 8;
    int perWriter = 40;
    // When
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String own = prefix + "w" + w + "/";
        runs.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    store.create(own + i, bytes(own + i)).join();
                  }
                },
                pool));
      }
      await(CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)));
    }
    // Then: no write went without a force, none needed more than one, and all are there
    long forces = packed.stats().forces();
    assertThat(forces).isBetween(1L, (long) writers * perWriter);
    PackedFileObjectStore reopened = reopenAt(root.resolve("big"));
    assertThat(await(reopened.list(prefix))).hasSize(writers * perWriter);
    assertThat(text(await(reopened.get(prefix + "w7/39")))).isEqualTo(prefix + "w7/39");
  }

  @Test
  void shouldServeObjectsWrittenOneFilePerKeyByEarlierVersion() throws Exception {
    // Given: objects in the legacy layout
    store.close();
    try (FileObjectStore legacy = new FileObjectStore(root.resolve("objects"))) {
      await(legacy.create(prefix + "old-1", bytes("one")));
      await(legacy.create(prefix + "old-2", bytes("two")));
      await(legacy.create(prefix + "old-3", bytes("three")));
    }
    store = open(true);
    await(store.create(prefix + "new", bytes("new")));
    // Then: read, list, refuse to create over, replace and delete them
    assertThat(text(await(store.get(prefix + "old-1")))).isEqualTo("one");
    assertThat(text(await(store.getRange(prefix + "old-3", 1, 2)))).isEqualTo("hr");
    assertThat(await(store.list(prefix)))
        .extracting(ObjectInfo::key)
        .containsExactly(prefix + "new", prefix + "old-1", prefix + "old-2", prefix + "old-3");
    assertThat(failure(store.create(prefix + "old-1", bytes("x"))))
        .isInstanceOf(ObjectAlreadyExistsException.class);
    await(store.put(prefix + "old-2", bytes("two again")));
    await(store.delete(prefix + "old-2"));
    assertThat(failure(store.get(prefix + "old-2"))).isInstanceOf(ObjectNotFoundException.class);
    await(store.delete(prefix + "old-1"));
    assertThat(failure(store.get(prefix + "old-1"))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(await(reopen(true).list(prefix)))
        .extracting(ObjectInfo::key)
        .containsExactly(prefix + "new", prefix + "old-3");
  }

  @Test
  void shouldRejectKeysTheFileLayoutRejects() {
    assertThat(failure(store.put("a//b", bytes("x")))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(store.get("../x"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(store.delete("/abs"))).isInstanceOf(IllegalArgumentException.class);
  }

  static List<Path> packs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().startsWith("pack-")).sorted().toList());
    }
  }

  /** Bytes of the pack records of objects of {@code dataBytes} under {@code keys}. */
  private static long recordBytes(List<String> keys, int dataBytes) {
    return keys.stream()
        .mapToLong(k -> PackRecord.HEADER_BYTES + k.getBytes(UTF_8).length + dataBytes)
        .sum();
  }

  private static long totalSize(Path dir) throws IOException {
    long total = 0;
    for (Path p : packs(dir)) {
      total += Files.size(p);
    }
    return total;
  }

  /** Where the records of a pack end (after its last non-zero byte). */
  private static long recordsEnd(Path pack) throws IOException {
    byte[] bytes = Files.readAllBytes(pack);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return end;
  }

  private static void corruptFirstRecordHeader(Path pack) throws IOException {
    try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x7f}), 9);
    }
  }
}
