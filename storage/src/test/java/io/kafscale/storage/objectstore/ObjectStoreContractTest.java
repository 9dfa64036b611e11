/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ObjectStore} must have. Each adapter's test extends this class and
 * supplies a store; every test works under its own random key prefix, so a shared backing store
 * (one S3 bucket for the whole run) is fine.
 */
public abstract class ObjectStoreContractTest {

  protected ObjectStore store;
  protected String prefix;

  /** A store to test; closed after each test. */
  protected abstract ObjectStore createStore() throws Exception;

  /** Called after each test; a subclass that shares one store between tests keeps it open. */
  protected void release(ObjectStore store) {
    store.close();
  }

  /**
   * Whether racing creates of one key are checked for a single winner. Defaults to {@link
   * ObjectStore#supportsConditionalCreate()}; a test server weaker than the real store may opt out
   * (saying why).
   */
  protected boolean verifiesCreateRace() {
    return store.supportsConditionalCreate();
  }

  /** Keys written by the listing test; S3 runs use more than one ListObjectsV2 page (1000). */
  protected int manyKeysCount() {
    return 25;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
    prefix = "contract/" + UUID.randomUUID() + "/";
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      release(store);
    }
  }

  @Test
  void shouldReturnWhatWasPut() throws Exception {
    // Given
    String key = prefix + "a";
    // When
    await(store.put(key, bytes("hello")));
    // Then
    assertThat(text(await(store.get(key)))).isEqualTo("hello");
  }

  @Test
  void shouldReplaceContentWhenPuttingExistingKey() throws Exception {
    // Given
    String key = prefix + "a";
    await(store.put(key, bytes("first")));
    // When
    await(store.put(key, bytes("second, longer")));
    // Then
    assertThat(text(await(store.get(key)))).isEqualTo("second, longer");
  }

  @Test
  void shouldCreateObjectWhenKeyIsNew() throws Exception {
    // Given
    String key = prefix + "new";
    // When
    await(store.create(key, bytes("created")));
    // Then
    assertThat(text(await(store.get(key)))).isEqualTo("created");
  }

  @Test
  void shouldRejectCreateAndKeepContentWhenKeyExists() throws Exception {
    assumeThat(store.supportsConditionalCreate()).isTrue();
    // Given
    String key = prefix + "taken";
    await(store.put(key, bytes("original")));
    // When
    Throwable failure = failure(store.create(key, bytes("intruder")));
    // Then
    assertThat(failure).isInstanceOf(ObjectAlreadyExistsException.class);
    assertThat(text(await(store.get(key)))).isEqualTo("original");
  }

  @Test
  void shouldLetExactlyOneCreateWinWhenCreatesRace() throws Exception {
    assumeThat(verifiesCreateRace()).isTrue();
    // Given
    String key = prefix + "race";
    int contenders = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CompletableFuture<Void>>> attempts = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(contenders)) {
      for (int i = 0; i < contenders; i++) {
        String content = "writer-" + i;
        attempts.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitLatch(start);
                  return store.create(key, bytes(content));
                },
                threads));
      }
      // When
      start.countDown();
      List<String> winners = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        CompletableFuture<Void> attempt = await(attempts.get(i));
        Throwable failure = outcome(attempt);
        if (failure == null) {
          winners.add("writer-" + i);
        } else {
          assertThat(failure).isInstanceOf(ObjectAlreadyExistsException.class);
        }
      }
      // Then
      assertThat(winners).hasSize(1);
      assertThat(text(await(store.get(key)))).isEqualTo(winners.get(0));
    }
  }

  @Test
  void shouldFailWithNotFoundWhenGettingMissingObject() {
    assertThat(failure(store.get(prefix + "missing"))).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void shouldFailWithNotFoundWhenRangeReadingMissingObject() {
    assertThat(failure(store.getRange(prefix + "missing", 0, 10)))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(failure(store.getRange(prefix + "missing", 0, 0)))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void shouldReturnRequestedBytesWhenRangeIsInsideObject() throws Exception {
    // Given
    String key = prefix + "digits";
    await(store.put(key, bytes("0123456789")));
    // When / Then
    assertThat(text(await(store.getRange(key, 2, 5)))).isEqualTo("23456");
    assertThat(text(await(store.getRange(key, 0, 1)))).isEqualTo("0");
    assertThat(text(await(store.getRange(key, 9, 1)))).isEqualTo("9");
  }

  @Test
  void shouldReturnFewerBytesWhenRangeRunsPastTheEnd() throws Exception {
    // Given
    String key = prefix + "digits";
    await(store.put(key, bytes("0123456789")));
    // When / Then
    assertThat(text(await(store.getRange(key, 7, 100)))).isEqualTo("789");
    assertThat(text(await(store.getRange(key, 0, Integer.MAX_VALUE)))).isEqualTo("0123456789");
  }

  @Test
  void shouldReturnNoBytesWhenRangeStartsAtOrPastTheEndOrIsEmpty() throws Exception {
    // Given
    String key = prefix + "digits";
    await(store.put(key, bytes("0123456789")));
    // When / Then
    assertThat(await(store.getRange(key, 10, 5)).remaining()).isZero();
    assertThat(await(store.getRange(key, 1_000, 5)).remaining()).isZero();
    assertThat(await(store.getRange(key, 3, 0)).remaining()).isZero();
  }

  @Test
  void shouldListOnlyMatchingKeysInKeyOrder() throws Exception {
    // Given: names whose per-directory order differs from key order ('-' and '.' sort before '/')
    List<String> names = List.of("x0", "x/1", "x.1", "x-1", "y", "x/2/deep");
    for (String name : names) {
      await(store.put(prefix + name, bytes(name)));
    }
    String sibling = prefix.substring(0, prefix.length() - 1) + "-sibling";
    await(store.put(sibling, bytes("not mine")));
    // When
    List<ObjectInfo> all = await(store.list(prefix));
    List<ObjectInfo> partial = await(store.list(prefix + "x"));
    List<ObjectInfo> directory = await(store.list(prefix + "x/"));
    // Then
    assertThat(all)
        .extracting(ObjectInfo::key)
        .containsExactly(
            prefix + "x-1",
            prefix + "x.1",
            prefix + "x/1",
            prefix + "x/2/deep",
            prefix + "x0",
            prefix + "y");
    assertThat(partial)
        .extracting(ObjectInfo::key)
        .containsExactly(
            prefix + "x-1", prefix + "x.1", prefix + "x/1", prefix + "x/2/deep", prefix + "x0");
    assertThat(directory)
        .extracting(ObjectInfo::key)
        .containsExactly(prefix + "x/1", prefix + "x/2/deep");
    assertThat(all)
        .filteredOn(o -> o.key().equals(prefix + "x/2/deep"))
        .extracting(ObjectInfo::size)
        .containsExactly(8L);
    await(store.delete(sibling));
  }

  @Test
  void shouldListNothingWhenNoKeyMatches() throws Exception {
    assertThat(await(store.list(prefix + "nothing/here/"))).isEmpty();
  }

  @Test
  void shouldListAndDeleteManyKeys() throws Exception {
    // Given
    int count = manyKeysCount();
    List<String> keys =
        IntStream.range(0, count).mapToObj(i -> prefix + "many/%05d".formatted(i)).toList();
    putAll(keys);
    // When
    List<ObjectInfo> listed = await(store.list(prefix + "many/"));
    await(store.deleteAll(keys));
    // Then
    assertThat(listed).extracting(ObjectInfo::key).containsExactlyElementsOf(keys);
    assertThat(await(store.list(prefix + "many/"))).isEmpty();
  }

  @Test
  void shouldDeleteObject() throws Exception {
    // Given
    String key = prefix + "doomed";
    await(store.put(key, bytes("x")));
    // When
    await(store.delete(key));
    // Then
    assertThat(failure(store.get(key))).isInstanceOf(ObjectNotFoundException.class);
    assertThat(await(store.list(prefix))).isEmpty();
  }

  @Test
  void shouldSucceedWhenDeletingMissingObject() throws Exception {
    await(store.delete(prefix + "never-was"));
    assertThat(await(store.list(prefix))).isEmpty();
  }

  @Test
  void shouldDeleteAllGivenKeysIgnoringMissingOnes() throws Exception {
    // Given
    await(store.put(prefix + "a", bytes("a")));
    await(store.put(prefix + "b/c", bytes("c")));
    await(store.put(prefix + "keep", bytes("k")));
    // When
    await(store.deleteAll(List.of(prefix + "a", prefix + "missing", prefix + "b/c")));
    await(store.deleteAll(List.of()));
    // Then
    assertThat(await(store.list(prefix)))
        .extracting(ObjectInfo::key)
        .containsExactly(prefix + "keep");
  }

  @Test
  void shouldRoundTripLargeObject() throws Exception {
    // Given
    byte[] data = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(data);
    String key = prefix + "large";
    // When
    await(store.put(key, ByteBuffer.wrap(data)));
    // Then
    assertThat(array(await(store.get(key)))).isEqualTo(data);
    byte[] expectedRange = java.util.Arrays.copyOfRange(data, 5_000_000, 5_000_000 + 65_536);
    assertThat(array(await(store.getRange(key, 5_000_000, 65_536)))).isEqualTo(expectedRange);
    assertThat(await(store.list(key))).containsExactly(new ObjectInfo(key, data.length));
  }

  @Test
  void shouldStoreEmptyObject() throws Exception {
    // Given
    String key = prefix + "empty";
    // When
    await(store.put(key, ByteBuffer.allocate(0)));
    // Then
    assertThat(await(store.get(key)).remaining()).isZero();
    assertThat(await(store.getRange(key, 0, 10)).remaining()).isZero();
    assertThat(await(store.list(prefix))).containsExactly(new ObjectInfo(key, 0));
  }

  @Test
  void shouldStoreOnlyRemainingBytesAndLeaveCallerPositionAlone() throws Exception {
    // Given
    ByteBuffer source = bytes("skip-keep-tail");
    source.position(5).limit(9);
    String key = prefix + "window";
    // When
    await(store.put(key, source));
    await(store.create(prefix + "window2", source));
    // Then
    assertThat(text(await(store.get(key)))).isEqualTo("keep");
    assertThat(text(await(store.get(prefix + "window2")))).isEqualTo("keep");
    assertThat(source.position()).isEqualTo(5);
    assertThat(source.limit()).isEqualTo(9);
  }

  @Test
  void shouldNotShareBuffersWithCaller() throws Exception {
    // Given
    byte[] original = "abc".getBytes(StandardCharsets.UTF_8);
    String key = prefix + "owned";
    await(store.put(key, ByteBuffer.wrap(original)));
    // When
    original[0] = 'X';
    ByteBuffer read = await(store.get(key));
    read.put(0, (byte) 'Y');
    // Then
    assertThat(text(await(store.get(key)))).isEqualTo("abc");
  }

  // ---- helpers -------------------------------------------------------------------------------

  protected static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  protected static String text(ByteBuffer buffer) {
    return new String(array(buffer), StandardCharsets.UTF_8);
  }

  protected static byte[] array(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  /** The value of a future that must succeed within the test timeout. */
  protected static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The cause a future must fail with. */
  protected static Throwable failure(CompletableFuture<?> future) {
    Throwable cause = outcome(future);
    assertThat(cause).as("expected the operation to fail").isNotNull();
    return cause;
  }

  private static Throwable outcome(CompletableFuture<?> future) {
    try {
      future.get(60, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("operation did not complete", e);
    }
  }

  private void putAll(List<String> keys) throws Exception {
    // Bounded parallelism keeps a remote store busy without opening a thousand requests at once.
    int window = 32;
    for (int from = 0; from < keys.size(); from += window) {
      List<CompletableFuture<Void>> puts =
          keys.subList(from, Math.min(keys.size(), from + window)).stream()
              .map(k -> store.put(k, bytes(k)))
              .toList();
      await(CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)));
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
