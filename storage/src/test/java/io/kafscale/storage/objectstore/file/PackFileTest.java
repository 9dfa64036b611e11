/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a pack's forces are shared between the records appended before them. */
class PackFileTest {

  @TempDir Path dir;

  @Test
  void shouldForceOnlyRecordsNoEarlierForceCovered() throws IOException {
    try (PackFile pack = PackFile.create(dir.resolve("pack"), 1)) {
      // Given: two records appended before any force
      long first = append(pack, "a");
      long second = append(pack, "b");
      // When / Then: the first writer's force covers both records
      assertThat(pack.forceUpTo(first)).isTrue();
      assertThat(pack.forceUpTo(second)).isFalse();
      assertThat(pack.forceUpTo(first)).isFalse();
      // and a record appended after it needs a force of its own
      long third = append(pack, "c");
      assertThat(pack.forceUpTo(third)).isTrue();
      assertThat(pack.forceUpTo(third)).isFalse();
    }
  }

  @Test
  void shouldFailEveryForceAfterAFailedOne() throws IOException {
    // Given: a record, and the pack's file closed under it so its force fails
    PackFile pack = PackFile.create(dir.resolve("pack"), 1);
    long end = append(pack, "a");
    pack.close();
    // When / Then: the failure sticks (a retried fdatasync may report success for lost pages)
    assertThatThrownBy(() -> pack.forceUpTo(end)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> pack.forceUpTo(end))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("An earlier force");
  }

  /** Appends an object record; returns the end of the pack after it. */
  private static long append(PackFile pack, String key) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(("data of " + key).getBytes());
    pack.append(PackRecord.header(PackRecord.OBJECT, key, data), data);
    return pack.size();
  }
}
