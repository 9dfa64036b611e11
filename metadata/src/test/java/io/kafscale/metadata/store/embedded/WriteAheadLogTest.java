/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.store.engine.Mutation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log file itself: preallocated zeros ahead of the records, and what replay makes of them. */
class WriteAheadLogTest {

  private static final long CHUNK = 4096;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("wal.log");
  }

  private static ByteBuffer record(long revision, int valueBytes) {
    byte[] value = "v".repeat(valueBytes).getBytes(StandardCharsets.UTF_8);
    return new WalRecord(revision, List.of(new Mutation.Put("/k/" + revision, value, 0))).encode();
  }

  private static List<Long> replayRevisions(WriteAheadLog log) throws IOException {
    List<Long> revisions = new ArrayList<>();
    log.replay(r -> revisions.add(r.revision()));
    return revisions;
  }

  @Test
  void shouldWriteZerosAheadAndCountOnlyRecords() throws IOException {
    // Given
    long recordBytes;
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      replayRevisions(log);
      // When
      log.append(record(1, 100));
      recordBytes = log.size();
      // Then: one chunk of the file is allocated, the records are what size() counts
      assertThat(Files.size(file())).isEqualTo(CHUNK);
      assertThat(recordBytes).isLessThan(CHUNK);
    }
  }

  @Test
  void shouldReplayRecordsAcrossChunksAndAppendAfterThemNotAfterTheZeros() throws IOException {
    // Given: records spanning several preallocated chunks
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      replayRevisions(log);
      for (long r = 1; r <= 20; r++) {
        log.append(record(r, 700));
      }
    }
    long fileLength = Files.size(file());
    // When: reopened (zeros after the last record are unused space, not damage)
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      assertThat(replayRevisions(log)).hasSize(20).endsWith(20L);
      assertThat(Files.size(file())).isEqualTo(fileLength);
      log.append(record(21, 10));
    }
    // Then
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      assertThat(replayRevisions(log)).hasSize(21).endsWith(21L);
    }
  }

  @Test
  void shouldCutRecordTornInsidePreallocatedSpace() throws IOException {
    // Given: a last record whose end never reached the disk (zeros where its payload ends)
    long intactEnd;
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      replayRevisions(log);
      log.append(record(1, 50));
      intactEnd = log.size();
      log.append(record(2, 50));
    }
    try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(20), intactEnd + 40);
    }
    // When
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      // Then
      assertThat(replayRevisions(log)).containsExactly(1L);
      assertThat(log.size()).isEqualTo(intactEnd);
      log.append(record(2, 5));
    }
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      assertThat(replayRevisions(log)).containsExactly(1L, 2L);
    }
  }

  @Test
  void shouldStartOverAfterReset() throws IOException {
    // Given
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      replayRevisions(log);
      log.append(record(1, 10));
      // When
      log.reset();
      log.append(record(2, 10));
    }
    // Then
    try (WriteAheadLog log = new WriteAheadLog(file(), CHUNK)) {
      assertThat(replayRevisions(log)).containsExactly(2L);
    }
  }
}
