/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole object store contract, with fsync off: skipping the forces must change no result. */
class FileObjectStoreNoFsyncTest extends ObjectStoreContractTest {

  @TempDir Path root;

  @Override
  protected ObjectStore createStore() {
    return new FileObjectStore(root, false);
  }

  @Test
  void shouldReadBackWithoutFsyncWhatWasWrittenWithoutFsyncAfterReopen() throws Exception {
    // Given
    await(store.put(prefix + "put", bytes("replaced")));
    await(store.create(prefix + "created", bytes("linked")));
    store.close();
    // When: a second store (fsync on, as after a broker restart with the default) opens the root
    store = new FileObjectStore(root);
    // Then
    assertThat(text(await(store.get(prefix + "put")))).isEqualTo("replaced");
    assertThat(text(await(store.get(prefix + "created")))).isEqualTo("linked");
  }
}
