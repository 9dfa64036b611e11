/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileObjectStoreTest extends ObjectStoreContractTest {

  @TempDir Path root;

  @Override
  protected ObjectStore createStore() {
    return new FileObjectStore(root);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/abs",
        "a//b",
        "a/",
        "../escape",
        "a/../../b",
        "a/./b",
        ".",
        "a\\b",
        "dir/.tmp-123"
      })
  void shouldRejectKeyThatCouldEscapeRootOrIsMalformed(String key) {
    assertThat(failure(store.put(key, bytes("x")))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(store.get(key))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepObjectsWhenReopenedOnSameDirectory() throws Exception {
    // Given
    await(store.put(prefix + "durable", bytes("still here")));
    store.close();
    // When
    store = new FileObjectStore(root);
    // Then
    assertThat(text(await(store.get(prefix + "durable")))).isEqualTo("still here");
  }

  @Test
  void shouldLeaveNoTemporaryFilesAfterWrites() throws Exception {
    // Given
    await(store.put(prefix + "a", bytes("1")));
    await(store.put(prefix + "a", bytes("2")));
    await(store.create(prefix + "b", bytes("3")));
    failure(store.create(prefix + "b", bytes("4")));
    // When
    List<Path> temporaries;
    try (Stream<Path> files = Files.walk(root)) {
      temporaries = files.filter(KeyPaths::isTemporary).toList();
    }
    // Then
    assertThat(temporaries).isEmpty();
  }

  @Test
  void shouldIgnoreTemporaryFileLeftByCrashedWrite() throws Exception {
    // Given: a write that crashed after writing its temporary file but before renaming it
    await(store.put(prefix + "visible", bytes("v")));
    Path dir = root.resolve(prefix);
    Files.write(dir.resolve(KeyPaths.TEMP_PREFIX + "crashed"), new byte[] {1, 2, 3});
    // When
    List<ObjectInfo> listed = await(store.list(prefix));
    // Then
    assertThat(listed).containsExactly(new ObjectInfo(prefix + "visible", 1));
  }

  @Test
  void shouldRemoveEmptyDirectoriesWhenLastObjectIsDeleted() throws Exception {
    // Given
    await(store.put(prefix + "deep/er/key", bytes("x")));
    // When
    await(store.delete(prefix + "deep/er/key"));
    // Then
    assertThat(root.resolve(prefix)).doesNotExist();
    assertThat(root).isDirectory();
  }
}
