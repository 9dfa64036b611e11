/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * One pack file of a {@link PackedFileObjectStore}: an append-only sequence of {@link PackRecord}s.
 * I/O only (the store's {@link PackCatalog} keeps the accounting). Reads are positional and
 * thread-safe; appends are guarded by the store's lock; forces are thread-safe.
 */
final class PackFile implements AutoCloseable {

  /** Bytes read at each record's start when scanning: the header and (mostly) the whole key. */
  private static final int HEAD_READ_BYTES = 512;

  private static final int SCAN_CHUNK_BYTES = 1 << 16;

  /** Receives the intact records of a scan, in file order. */
  interface RecordSink {
    void accept(PackRecord.Header header, long dataPosition, long deletedPackSeq);
  }

  final long seq;
  final Path path;
  private final FileChannel channel;

  /** End of the appended records; written under the store's lock, read by forces too. */
  private volatile long size;

  /** End of the records a force has made durable. */
  private volatile long forcedEnd;

  private final ReentrantLock forceLock = new ReentrantLock();

  /** A failed force, under the force lock: after one, no later force may report success. */
  private IOException forceFailure;

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

  /**
   * Appends one record (header and key, then data; neither buffer is consumed); returns the
   * position of its data.
   */
  long append(ByteBuffer header, ByteBuffer data) throws IOException {
    long dataPosition = size + header.remaining();
    ByteBuffer[] parts = {header.duplicate(), data.duplicate()};
    long total = header.remaining() + (long) data.remaining();
    long written = 0;
    channel.position(size);
    while (written < total) {
      written += channel.write(parts);
    }
    size += total;
    return dataPosition;
  }

  /**
   * Makes the records appended up to {@code end} durable (their data and the file length) and
   * returns whether this call forced the file. Writers that ask while a force runs wait for it and
   * return at once if it covered their records: one force serves every record appended before it
   * started, so concurrent writers (the partitions' flushes) share {@code fdatasync}s instead of
   * queueing one each. After a failed force every later call fails (a retried {@code fdatasync} can
   * succeed without the lost pages having reached the disk).
   */
  boolean forceUpTo(long end) throws IOException {
    if (forcedEnd >= end) {
      return false;
    }
    forceLock.lock();
    try {
      if (forcedEnd >= end) {
        return false;
      }
      if (forceFailure != null) {
        throw new IOException("An earlier force of " + path + " failed", forceFailure);
      }
      long covered = size; // appends are complete writes before they move size
      try {
        channel.force(false);
      } catch (IOException e) {
        forceFailure = e;
        throw e;
      }
      forcedEnd = covered;
      return true;
    } finally {
      forceLock.unlock();
    }
  }

  /** Reads {@code length} bytes from {@code position}; throws if the file ends before. */
  ByteBuffer read(long position, int length) throws IOException {
    return DurableFiles.readAt(channel, path, position, length);
  }

  /**
   * Feeds every intact record to {@code sink} and returns the end of the intact prefix: the file
   * size when every record is intact, else the position of the first record that is not (cut short,
   * bad header, or, with {@code verifyData}, data not matching its checksum).
   *
   * <p>Without {@code verifyData} only each record's header and key (and a delete record's 8 bytes)
   * are read, one small positional read per record, so opening a large store reads a small part of
   * it; with it, the data is read in chunks for its checksum.
   */
  long scan(boolean verifyData, RecordSink sink) throws IOException {
    long fileSize = channel.size();
    ByteBuffer chunk = verifyData ? ByteBuffer.allocate(SCAN_CHUNK_BYTES) : null;
    byte[] fixed = new byte[PackRecord.HEADER_BYTES];
    long pos = 0;
    while (pos < fileSize) {
      if (fileSize - pos < PackRecord.HEADER_BYTES) {
        return pos;
      }
      int firstRead = (int) Math.min(HEAD_READ_BYTES, fileSize - pos);
      ByteBuffer head = read(pos, firstRead);
      head.get(0, fixed);
      int keyLength = PackRecord.keyLength(fixed);
      if (pos + PackRecord.HEADER_BYTES + keyLength > fileSize) {
        return pos;
      }
      byte[] key = new byte[keyLength];
      if (PackRecord.HEADER_BYTES + keyLength <= firstRead) {
        head.get(PackRecord.HEADER_BYTES, key);
      } else {
        read(pos + PackRecord.HEADER_BYTES, keyLength).get(key);
      }
      PackRecord.Header h = PackRecord.decode(fixed, key);
      if (h == null || pos + h.recordBytes() > fileSize) {
        return pos;
      }
      long dataPosition = pos + PackRecord.HEADER_BYTES + keyLength;
      long deletedPackSeq = -1;
      if (h.type() == PackRecord.DELETE) {
        int dataInHead = PackRecord.HEADER_BYTES + keyLength;
        ByteBuffer data =
            dataInHead + PackRecord.DELETE_DATA_BYTES <= firstRead
                ? head.slice(dataInHead, PackRecord.DELETE_DATA_BYTES)
                : read(dataPosition, PackRecord.DELETE_DATA_BYTES);
        if (PackRecord.dataCrc(data) != h.dataCrc()) {
          return pos;
        }
        deletedPackSeq = data.getLong(0);
      } else if (verifyData && dataCrc(dataPosition, h.dataLength(), chunk) != h.dataCrc()) {
        return pos;
      }
      sink.accept(h, dataPosition, deletedPackSeq);
      pos += h.recordBytes();
    }
    return pos;
  }

  /** The CRC-32C of {@code length} bytes from {@code position}, read through {@code chunk}. */
  private int dataCrc(long position, int length, ByteBuffer chunk) throws IOException {
    CRC32C crc = new CRC32C();
    long end = position + length;
    for (long p = position; p < end; ) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), end - p));
      crc.update(DurableFiles.readFully(channel, path, p, chunk));
      p += chunk.limit();
    }
    return (int) crc.getValue();
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
