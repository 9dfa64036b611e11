/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of puts, creates, deletes and reopenings against a plain map: whatever the packs
 * did meanwhile (rolling, reclaiming, merging), the store holds exactly the map's objects.
 */
class PackedFileObjectStoreProperties {

  private static final long PACK_BYTES = 2048;

  sealed interface Op {}

  record Put(int key, int length, boolean exclusive) implements Op {}

  record Delete(int key) implements Op {}

  record Reopen(boolean fsync) implements Op {}

  @Property(tries = 150)
  void storeHoldsWhatTheModelHolds(@ForAll("ops") @Size(min = 1, max = 60) List<Op> ops)
      throws IOException {
    Path dir = Files.createTempDirectory("packs");
    Map<String, byte[]> model = new TreeMap<>();
    PackedFileObjectStore store = new PackedFileObjectStore(dir, true, PACK_BYTES, null);
    try {
      int n = 0;
      for (Op op : ops) {
        n++;
        switch (op) {
          case Put(int k, int length, boolean exclusive) -> {
            String key = "k/" + k;
            byte[] value = new byte[length];
            Arrays.fill(value, (byte) n);
            if (exclusive && model.containsKey(key)) {
              PackedFileObjectStore s = store;
              assertThatThrownBy(() -> s.create(key, ByteBuffer.wrap(value)).join())
                  .hasCauseInstanceOf(ObjectAlreadyExistsException.class);
            } else {
              (exclusive
                      ? store.create(key, ByteBuffer.wrap(value))
                      : store.put(key, ByteBuffer.wrap(value)))
                  .join();
              model.put(key, value);
            }
          }
          case Delete(int k) -> {
            store.delete("k/" + k).join();
            model.remove("k/" + k);
          }
          case Reopen(boolean fsync) -> {
            store.close();
            store = new PackedFileObjectStore(dir, fsync, PACK_BYTES, null);
          }
        }
        assertHolds(store, model);
      }
      store.close();
      store = new PackedFileObjectStore(dir, true, PACK_BYTES, null);
      assertHolds(store, model);
    } finally {
      store.close();
      deleteTree(dir);
    }
  }

  private static void assertHolds(PackedFileObjectStore store, Map<String, byte[]> model) {
    assertThat(store.list("k/").join().stream().map(ObjectInfo::key).toList())
        .containsExactlyElementsOf(model.keySet());
    for (int k = 0; k < 6; k++) {
      String key = "k/" + k;
      if (model.containsKey(key)) {
        ByteBuffer got = store.get(key).join();
        byte[] bytes = new byte[got.remaining()];
        got.get(bytes);
        assertThat(bytes).as(key).isEqualTo(model.get(key));
      } else {
        assertThatThrownBy(() -> store.get(key).join())
            .isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(ObjectNotFoundException.class);
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> keys = Arbitraries.integers().between(0, 5);
    Arbitrary<Op> put =
        Combinators.combine(
                keys, Arbitraries.integers().between(0, 1500), Arbitraries.of(true, false))
            .as(Put::new);
    Arbitrary<Op> delete = keys.map(Delete::new);
    Arbitrary<Op> reopen = Arbitraries.of(true, false).map(Reopen::new);
    return Arbitraries.frequencyOf(Tuple.of(5, put), Tuple.of(4, delete), Tuple.of(1, reopen))
        .list();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
