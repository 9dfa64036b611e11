/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static io.kafscale.storage.segment.SegmentFormat.INDEX_COUNT_OFFSET;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_ENTRY_SIZE;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_HEADER_SIZE;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_INTERVAL_OFFSET;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_MAGIC;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_MAGIC_OFFSET;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_VERSION;
import static io.kafscale.storage.segment.SegmentFormat.INDEX_VERSION_OFFSET;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sparse offset → byte-position index stored next to a segment ({@code .index}). Each entry
 * points at the start of a batch, relative to the start of the segment object (so it includes the
 * 32-byte header), which lets a reader issue a ranged GET from there.
 *
 * <p>Our writer adds an entry for the first batch and then whenever at least {@code interval}
 * <em>bytes</em> of batches have passed since the last entry; KafScale counted <em>messages</em>
 * instead. Readers rely only on the entries being sorted, so both are read the same way. Immutable
 * and thread-safe.
 */
public final class SegmentIndex {

  /** One index entry: the base offset of a batch and its position in the segment object. */
  public record Entry(long offset, int position) {}

  private final List<Entry> entries;
  private final int interval;

  public SegmentIndex(List<Entry> entries, int interval) {
    checkSorted(entries);
    this.entries = List.copyOf(entries);
    this.interval = interval;
  }

  /** Serialises entries (which must be sorted by offset and position) into a new heap buffer. */
  public static ByteBuffer encode(List<Entry> entries, int interval) {
    checkSorted(entries);
    ByteBuffer out = ByteBuffer.allocate(INDEX_HEADER_SIZE + entries.size() * INDEX_ENTRY_SIZE);
    out.putInt(INDEX_MAGIC)
        .putShort(INDEX_VERSION)
        .putInt(entries.size())
        .putInt(interval)
        .putShort((short) 0);
    for (Entry e : entries) {
      out.putLong(e.offset()).putInt(e.position());
    }
    return out.flip();
  }

  /**
   * Parses an index object between the buffer's position and limit (the buffer is not modified).
   *
   * @throws CorruptSegmentException if magic, version, size or ordering is wrong
   */
  public static SegmentIndex decode(ByteBuffer indexBytes) {
    ByteBuffer buf = indexBytes.slice();
    if (buf.remaining() < INDEX_HEADER_SIZE) {
      throw new CorruptSegmentException("index is " + buf.remaining() + " bytes, below its header");
    }
    int magic = buf.getInt(INDEX_MAGIC_OFFSET);
    if (magic != INDEX_MAGIC) {
      throw new CorruptSegmentException(String.format("bad index magic %08x", magic));
    }
    short version = buf.getShort(INDEX_VERSION_OFFSET);
    if (version != INDEX_VERSION) {
      throw new CorruptSegmentException("unsupported index version " + version);
    }
    int count = buf.getInt(INDEX_COUNT_OFFSET);
    long expected = INDEX_HEADER_SIZE + (long) count * INDEX_ENTRY_SIZE;
    if (count < 0 || expected != buf.remaining()) {
      throw new CorruptSegmentException(
          "index claims " + count + " entries but is " + buf.remaining() + " bytes");
    }
    // The reserved field (INDEX_RESERVED_OFFSET) is not checked so a future writer may use it.
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = INDEX_HEADER_SIZE + i * INDEX_ENTRY_SIZE;
      entries.add(new Entry(buf.getLong(at), buf.getInt(at + 8)));
    }
    try {
      return new SegmentIndex(entries, buf.getInt(INDEX_INTERVAL_OFFSET));
    } catch (IllegalArgumentException e) {
      throw new CorruptSegmentException("index entries: " + e.getMessage());
    }
  }

  /**
   * Position of the last entry whose offset is ≤ {@code offset}: where a reader looking for {@code
   * offset} starts scanning. {@link SegmentFormat#HEADER_SIZE} (the first batch) when there is
   * none.
   */
  public int positionFor(long offset) {
    int lo = 0;
    int hi = entries.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).offset() <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? SegmentFormat.HEADER_SIZE : entries.get(found).position();
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The writer's interval: bytes for our segments, messages for KafScale's. */
  public int interval() {
    return interval;
  }

  private static void checkSorted(List<Entry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.position() < SegmentFormat.HEADER_SIZE) {
        throw new IllegalArgumentException("entry " + i + " points into the segment header");
      }
      if (i > 0) {
        Entry prev = entries.get(i - 1);
        if (e.offset() <= prev.offset() || e.position() <= prev.position()) {
          throw new IllegalArgumentException("entries not strictly increasing at " + i);
        }
      }
    }
  }
}
