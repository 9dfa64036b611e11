/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.MetadataStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log file of committed revisions. {@link #replay} reads it on open: a torn record
 * at the tail (a crash mid-append) is cut off, a bad record followed by more data fails loudly.
 * Appends are buffered by the OS until {@link #force()}. Not thread-safe: used by the store's
 * writer thread only (and by open before that thread starts).
 *
 * <p>With preallocation the file is extended with zeros ahead of the records, a chunk at a time, so
 * that most appends overwrite allocated space and their fdatasync writes the data only, not the
 * file length as well (one device write instead of two). A run of zeros after the last record is
 * that unused space, not damage.
 */
final class WriteAheadLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final int MAX_RECORD_BYTES = 256 * 1024 * 1024;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 16).asReadOnlyBuffer();

  /** Zeros written ahead of the records when preallocating (a few seconds of busy commits). */
  static final long PREALLOCATE_BYTES = 4L << 20;

  private final Path path;
  private final FileChannel channel;
  private final long preallocateBytes;

  /** Where the next record goes. */
  private long end;

  /** Length of the file: {@link #end} plus the zeros written ahead. */
  private long allocated;

  /**
   * @param preallocateBytes zeros to write ahead of the records when an append reaches the end of
   *     the file (0: none)
   */
  WriteAheadLog(Path path, long preallocateBytes) throws IOException {
    this.path = path;
    this.preallocateBytes = preallocateBytes;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /**
   * Feeds every intact record to {@code sink}, truncates a torn tail, and positions for appends.
   */
  void replay(Consumer<WalRecord> sink) throws IOException {
    long size = channel.size();
    long pos = 0;
    ByteBuffer header = ByteBuffer.allocate(WalRecord.HEADER_BYTES);
    while (pos < size) {
      long remaining = size - pos;
      if (remaining < WalRecord.HEADER_BYTES) {
        truncateTornTail(pos, "short header");
        return;
      }
      header.clear();
      readFully(header, pos);
      int length = header.getInt(0);
      int crc = header.getInt(4);
      long end = pos + WalRecord.HEADER_BYTES + (long) length;
      if (length == 0 && onlyZerosFrom(pos)) {
        appendFrom(pos, size); // preallocated space (or a record whose header never landed)
        return;
      }
      if (length <= 0 || length > MAX_RECORD_BYTES || end > size) {
        if (end > size && length > 0 && length <= MAX_RECORD_BYTES) {
          truncateTornTail(pos, "incomplete record");
          return;
        }
        throw corrupt(pos, "invalid record length " + length);
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(payload, pos + WalRecord.HEADER_BYTES);
      if (WalRecord.crc(payload.array(), 0, length) != crc) {
        if (end == size || onlyZerosFrom(end)) {
          truncateTornTail(pos, "checksum mismatch in last record");
          return;
        }
        throw corrupt(pos, "checksum mismatch");
      }
      WalRecord record;
      try {
        record = WalRecord.decodePayload(payload.flip());
      } catch (RuntimeException e) {
        throw corrupt(pos, "undecodable record: " + e.getMessage());
      }
      sink.accept(record);
      pos = end;
    }
    appendFrom(size, size);
  }

  void append(ByteBuffer record) throws IOException {
    if (preallocateBytes > 0 && end + record.remaining() > allocated) {
      writeZerosUpTo(Math.max(end + record.remaining(), allocated + preallocateBytes));
    }
    while (record.hasRemaining()) {
      end += channel.write(record, end);
    }
    allocated = Math.max(allocated, end);
  }

  private void writeZerosUpTo(long target) throws IOException {
    long p = allocated;
    while (p < target) {
      ByteBuffer zeros = ZEROS.duplicate();
      zeros.limit((int) Math.min(zeros.capacity(), target - p));
      p += channel.write(zeros, p);
    }
    allocated = p;
  }

  private void appendFrom(long recordsEnd, long fileLength) {
    end = recordsEnd;
    allocated = fileLength;
  }

  /**
   * Makes every appended record durable (fdatasync: it also syncs the file length the data needs).
   */
  void force() throws IOException {
    channel.force(false);
  }

  /** Bytes of records in the log (not counting preallocated zeros). */
  long size() {
    return end;
  }

  /** Empties the log after a snapshot made its records redundant. */
  void reset() throws IOException {
    channel.truncate(0);
    channel.force(true);
    appendFrom(0, 0);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void truncateTornTail(long pos, String why) throws IOException {
    LOG.warn(
        "Truncating torn tail of metadata log path={} offset={} bytes={} reason={}",
        path,
        pos,
        channel.size() - pos,
        why);
    channel.truncate(pos);
    channel.force(true);
    appendFrom(pos, pos);
  }

  private boolean onlyZerosFrom(long pos) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long p = pos;
    while (p < channel.size()) {
      buf.clear();
      int n = channel.read(buf, p);
      for (int i = 0; i < n; i++) {
        if (buf.get(i) != 0) {
          return false;
        }
      }
      p += n;
    }
    return true;
  }

  private void readFully(ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, p);
      if (n < 0) {
        throw new IOException("unexpected end of " + path);
      }
      p += n;
    }
  }

  private MetadataStoreException corrupt(long pos, String why) {
    return new MetadataStoreException(
        "metadata log "
            + path
            + " is corrupt at offset "
            + pos
            + " ("
            + why
            + "); refusing to open. "
            + "Restore the directory from a backup or remove the damaged tail by hand.");
  }
}
