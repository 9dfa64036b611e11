/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack bookkeeping alone: which copy is live, and when a pack may go or should be merged. */
class PackCatalogTest {

  @TempDir Path dir;
  private final PackCatalog catalog = new PackCatalog();

  private PackFile pack(long seq, int bytes) throws IOException {
    PackFile pack = PackFile.create(dir.resolve("pack-" + seq), seq);
    pack.append(ByteBuffer.allocate(0), ByteBuffer.allocate(bytes));
    catalog.add(pack);
    return pack;
  }

  @Test
  void shouldKeepPackHoldingDeleteRecordUntilThePackOfTheDeletedCopyIsGone() throws IOException {
    // Given: k written to pack 1, its delete record in pack 2 (the active pack is 3)
    PackFile first = pack(1, 100);
    PackFile second = pack(2, 100);
    PackFile active = pack(3, 0);
    catalog.objectWritten(first, "k", 0, 100, 100);
    catalog.objectWritten(first, "other", 0, 50, 50);
    catalog.deleteWritten(second, "k", 1);
    // Then: pack 2 (nothing live) must wait for pack 1 (still holding "other")
    assertThat(catalog.locate("k")).isNull();
    assertThat(catalog.takeRemovable(active)).isNull();
    // When "other" is deleted too, pack 1 goes first, then pack 2
    catalog.deleteWritten(active, "other", 1);
    assertThat(catalog.takeRemovable(active)).isSameAs(first);
    assertThat(catalog.takeRemovable(active)).isSameAs(second);
    assertThat(catalog.takeRemovable(active)).isNull();
    assertThat(catalog.packs()).containsExactly(active);
  }

  @Test
  void shouldNotRemovePinnedOrActivePack() throws IOException {
    // Given
    PackFile sealed = pack(1, 100);
    PackFile active = pack(2, 0);
    catalog.pin(sealed);
    // Then
    assertThat(catalog.takeRemovable(active)).isNull();
    catalog.unpin(sealed);
    assertThat(catalog.takeRemovable(active)).isSameAs(sealed);
    assertThat(catalog.takeRemovable(active)).isNull();
  }

  @Test
  void shouldProposeMostlyDeadSealedPackForMerging() throws IOException {
    // Given: pack 1 is 1000 bytes with 400 live, pack 2 is 1000 with 600 live
    PackFile first = pack(1, 1000);
    PackFile second = pack(2, 1000);
    PackFile active = pack(3, 10);
    catalog.objectWritten(first, "a", 0, 400, 400);
    catalog.objectWritten(second, "b", 0, 600, 600);
    // Then
    assertThat(catalog.mergeCandidate(active)).isSameAs(first);
    catalog.pin(first);
    assertThat(catalog.mergeCandidate(active)).isNull();
  }

  @Test
  void shouldWeighLiveObjectsByTheirWholeRecordsNotJustTheirData() throws IOException {
    // Given: a pack holding one small object under a long key (100 bytes of data in a 900-byte
    // record): counting only the data would call it mostly dead and merge it again and again
    PackFile sealed = pack(1, 1000);
    PackFile active = pack(2, 10);
    catalog.objectWritten(sealed, "k".repeat(780), 0, 100, 900);
    // Then
    assertThat(catalog.mergeCandidate(active)).isNull();
    assertThat(catalog.totals()).isEqualTo(new PackCatalog.Totals(2, 1010, 900));
  }

  @Test
  void shouldMoveLiveCopyToNewestWriteAndListLiveKeysInOrder() throws IOException {
    // Given
    PackFile first = pack(1, 100);
    PackFile active = pack(2, 100);
    catalog.objectWritten(first, "t/b", 0, 10, 10);
    catalog.objectWritten(first, "t/a", 10, 20, 20);
    // When: "t/b" is written again in the active pack
    catalog.objectWritten(active, "t/b", 0, 30, 30);
    // Then
    assertThat(catalog.locate("t/b").pack()).isSameAs(active);
    assertThat(catalog.liveCount(first)).isEqualTo(1);
    assertThat(catalog.list("t/"))
        .containsExactly(new ObjectInfo("t/a", 20), new ObjectInfo("t/b", 30));
    assertThat(catalog.list("u/")).isEmpty();
  }
}
