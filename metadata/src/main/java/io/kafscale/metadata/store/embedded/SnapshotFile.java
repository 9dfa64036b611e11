/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.engine.StoredEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The full key-value state at one revision, written atomically (temp file, fsync, rename, fsync of
 * the directory). Layout: {@code "KSNP", int version 1, long revision, int count, count × (key,
 * value, long createRevision, long modRevision, long lease)}, then {@code int crc32c} of all
 * preceding bytes. Strings and byte arrays are {@code int length} + bytes. Stateless helper.
 */
final class SnapshotFile {
  static final String NAME = "snapshot.bin";
  private static final int MAGIC = 0x4B534E50; // "KSNP"
  private static final int VERSION = 1;

  private SnapshotFile() {}

  /** State loaded from a snapshot. */
  record Loaded(long revision, List<StoredEntry> entries) {}

  static void write(Path dir, long revision, Collection<StoredEntry> entries) throws IOException {
    int size = 4 + 4 + 8 + 4 + 4;
    for (StoredEntry e : entries) {
      size += 8 + e.kv().key().getBytes(StandardCharsets.UTF_8).length + e.kv().value().length + 24;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putInt(MAGIC).putInt(VERSION).putLong(revision).putInt(entries.size());
    for (StoredEntry e : entries) {
      byte[] key = e.kv().key().getBytes(StandardCharsets.UTF_8);
      buf.putInt(key.length).put(key).putInt(e.kv().value().length).put(e.kv().value());
      buf.putLong(e.kv().createRevision()).putLong(e.kv().modRevision()).putLong(e.leaseId());
    }
    buf.putInt(WalRecord.crc(buf.array(), 0, size - 4));
    buf.flip();
    Path tmp = dir.resolve(NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  static Optional<Loaded> read(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < 24) {
      throw corrupt(file, "too short");
    }
    ByteBuffer buf = ByteBuffer.wrap(all);
    if (buf.getInt(all.length - 4) != WalRecord.crc(all, 0, all.length - 4)) {
      throw corrupt(file, "checksum mismatch");
    }
    if (buf.getInt() != MAGIC || buf.getInt() != VERSION) {
      throw corrupt(file, "bad magic or version");
    }
    long revision = buf.getLong();
    int count = buf.getInt();
    List<StoredEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = new String(bytes(buf), StandardCharsets.UTF_8);
      byte[] value = bytes(buf);
      KeyValue kv = new KeyValue(key, value, buf.getLong(), buf.getLong());
      entries.add(new StoredEntry(kv, buf.getLong()));
    }
    return Optional.of(new Loaded(revision, entries));
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static byte[] bytes(ByteBuffer buf) {
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return b;
  }

  private static MetadataStoreException corrupt(Path file, String why) {
    return new MetadataStoreException(
        "metadata snapshot " + file + " is corrupt (" + why + "); refusing to open");
  }
}
