/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One pack file of a {@link PackedFileObjectStore}: an append-only sequence of {@link PackRecord}s.
 * I/O only (the store's {@link PackCatalog} keeps the accounting). Reads are positional and
 * thread-safe; appends are guarded by the store's lock.
 */
final class PackFile implements AutoCloseable {

  private static final int SCAN_BUFFER_BYTES = 1 << 16;

  /** Receives the intact records of a scan, in file order. */
  interface RecordSink {
    void accept(PackRecord.Header header, long dataPosition, long deletedPackSeq);
  }

  final long seq;
  final Path path;
  private final FileChannel channel;
  private long size;

  private PackFile(long seq, Path path, FileChannel channel, long size) {
    this.seq = seq;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  static PackFile create(Path path, long seq) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new PackFile(seq, path, ch, 0);
  }

  static PackFile open(Path path, long seq) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new PackFile(seq, path, ch, ch.size());
  }

  long size() {
    return size;
  }

  /** Appends one record (header and key, then data); returns the position of its data. */
  long append(ByteBuffer header, ByteBuffer data) throws IOException {
    long dataPosition = size + header.remaining();
    ByteBuffer[] parts = {header, data.duplicate()};
    long total = header.remaining() + (long) data.remaining();
    long written = 0;
    channel.position(size);
    while (written < total) {
      written += channel.write(parts);
    }
    size += total;
    return dataPosition;
  }

  /** Makes appended records durable (their data and the file length). */
  void force() throws IOException {
    channel.force(false);
  }

  /** Reads {@code length} bytes from {@code position}; throws if the file ends before. */
  ByteBuffer read(long position, int length) throws IOException {
    return DurableFiles.readAt(channel, path, position, length);
  }

  /**
   * Feeds every intact record to {@code sink} and returns the end of the intact prefix: the file
   * size when every record is intact, else the position of the first record that is not (cut short,
   * bad header, or, with {@code verifyData}, data not matching its checksum).
   */
  long scan(boolean verifyData, RecordSink sink) throws IOException {
    long pos = 0;
    long fileSize = channel.size();
    InputStream in =
        new BufferedInputStream(Channels.newInputStream(channel.position(0)), SCAN_BUFFER_BYTES);
    byte[] fixed = new byte[PackRecord.HEADER_BYTES];
    while (pos < fileSize) {
      if (fileSize - pos < PackRecord.HEADER_BYTES
          || in.readNBytes(fixed, 0, fixed.length) < fixed.length) {
        return pos;
      }
      int keyLength = PackRecord.keyLength(fixed);
      byte[] key = in.readNBytes(keyLength);
      PackRecord.Header h = key.length == keyLength ? PackRecord.decode(fixed, key) : null;
      if (h == null || pos + h.recordBytes() > fileSize) {
        return pos;
      }
      long dataPosition = pos + PackRecord.HEADER_BYTES + keyLength;
      long deletedPackSeq = -1;
      if (h.type() == PackRecord.DELETE || verifyData) {
        byte[] data = in.readNBytes(h.dataLength());
        if (data.length < h.dataLength() || PackRecord.dataCrc(data) != h.dataCrc()) {
          return pos;
        }
        if (h.type() == PackRecord.DELETE) {
          deletedPackSeq = ByteBuffer.wrap(data).getLong();
        }
      } else {
        in.skipNBytes(h.dataLength());
      }
      sink.accept(h, dataPosition, deletedPackSeq);
      pos += h.recordBytes();
    }
    return pos;
  }

  /** Cuts the file at {@code end} (a torn tail) and appends from there. */
  void truncate(long end) throws IOException {
    channel.truncate(end);
    channel.force(true);
    size = end;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
