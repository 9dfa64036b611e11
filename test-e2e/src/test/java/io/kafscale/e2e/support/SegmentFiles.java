/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the segment objects a broker wrote under its data directory without any broker code: the
 * pack files of the local object store ({@code pack-*.kso}: records of a 20-byte header, the key
 * and the object; see docs/architecture.md) and, from older layouts, one {@code *.kfs} file per
 * segment. A segment is a 32-byte header, Kafka v2 record batches verbatim and a 16-byte footer.
 * Used to check what actually arrived on disk, e.g. the compression codec of each stored batch.
 */
public final class SegmentFiles {
  static final int HEADER_BYTES = 32;
  static final int FOOTER_BYTES = 16;
  private static final int BATCH_LENGTH_OFFSET = 8;
  private static final int MAGIC_OFFSET = 16;
  private static final int ATTRIBUTES_OFFSET = 21;
  private static final int RECORD_COUNT_OFFSET = 57;

  private static final int PACK_MAGIC = 0x4B534F42;
  private static final int PACK_RECORD_HEADER_BYTES = 20;
  private static final byte PACK_OBJECT = 1;

  /**
   * One stored batch: the segment holding it, its base offset, codec id (attributes & 7) and record
   * count.
   */
  public record StoredBatch(
      String segment, long baseOffset, int codec, int recordCount, byte magic) {}

  private SegmentFiles() {}

  /** Every batch of every segment under {@code dir} whose key or path contains {@code topic}. */
  public static List<StoredBatch> batches(Path dir, String topic) {
    List<StoredBatch> out = new ArrayList<>();
    for (Path file : files(dir)) {
      String name = file.getFileName().toString();
      if (name.endsWith(".kfs") && file.toString().contains(topic)) {
        out.addAll(parse(file.toString(), ByteBuffer.wrap(read(file))));
      } else if (name.startsWith("pack-") && name.endsWith(".kso")) {
        out.addAll(packedBatches(file, topic));
      }
    }
    return out;
  }

  private static List<StoredBatch> packedBatches(Path pack, String topic) {
    List<StoredBatch> out = new ArrayList<>();
    ByteBuffer bytes = ByteBuffer.wrap(read(pack));
    int pos = 0;
    while (pos + PACK_RECORD_HEADER_BYTES <= bytes.limit() && bytes.getInt(pos) == PACK_MAGIC) {
      byte type = bytes.get(pos + 4);
      int keyLength = bytes.getShort(pos + 6) & 0xFFFF;
      int dataLength = bytes.getInt(pos + 8);
      int keyAt = pos + PACK_RECORD_HEADER_BYTES;
      String key = new String(bytes.array(), keyAt, keyLength, StandardCharsets.UTF_8);
      int dataAt = keyAt + keyLength;
      if (dataAt + dataLength > bytes.limit()) {
        break; // a record still being written
      }
      if (type == PACK_OBJECT && key.endsWith(".kfs") && key.contains(topic)) {
        out.addAll(parse(pack + "#" + key, bytes.slice(dataAt, dataLength)));
      }
      pos = dataAt + dataLength;
    }
    return out;
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<StoredBatch> parse(String segment, ByteBuffer bytes) {
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
