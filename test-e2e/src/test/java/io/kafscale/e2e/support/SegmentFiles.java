/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the segment objects a broker wrote ({@code *.kfs} files under a directory) without any
 * broker code: 32-byte header, Kafka v2 record batches verbatim, 16-byte footer. Used to check what
 * actually arrived on disk, e.g. the compression codec of each stored batch.
 */
public final class SegmentFiles {
  static final int HEADER_BYTES = 32;
  static final int FOOTER_BYTES = 16;
  private static final int BATCH_LENGTH_OFFSET = 8;
  private static final int MAGIC_OFFSET = 16;
  private static final int ATTRIBUTES_OFFSET = 21;
  private static final int RECORD_COUNT_OFFSET = 57;

  /** One stored batch: where it is, its base offset, codec id (attributes & 7) and record count. */
  public record StoredBatch(
      Path segment, long baseOffset, int codec, int recordCount, byte magic) {}

  private SegmentFiles() {}

  /** Every batch of every segment file under {@code dir} whose path contains {@code topic}. */
  public static List<StoredBatch> batches(Path dir, String topic) {
    List<StoredBatch> out = new ArrayList<>();
    for (Path segment : segments(dir, topic)) {
      out.addAll(batchesOf(segment));
    }
    return out;
  }

  public static List<Path> segments(Path dir, String topic) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".kfs"))
          .filter(p -> p.toString().contains(topic))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<StoredBatch> batchesOf(Path segment) {
    try {
      return parse(segment, ByteBuffer.wrap(Files.readAllBytes(segment)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<StoredBatch> parse(Path segment, ByteBuffer bytes) {
    List<StoredBatch> out = new ArrayList<>();
    int end = bytes.limit() - FOOTER_BYTES;
    int pos = HEADER_BYTES;
    while (pos + RECORD_COUNT_OFFSET + 4 <= end) {
      int size = 12 + bytes.getInt(pos + BATCH_LENGTH_OFFSET);
      if (size <= 12 || pos + size > end) {
        throw new IllegalStateException("truncated batch at " + pos + " in " + segment);
      }
      out.add(
          new StoredBatch(
              segment,
              bytes.getLong(pos),
              bytes.getShort(pos + ATTRIBUTES_OFFSET) & 7,
              bytes.getInt(pos + RECORD_COUNT_OFFSET),
              bytes.get(pos + MAGIC_OFFSET)));
      pos += size;
    }
    return out;
  }
}
