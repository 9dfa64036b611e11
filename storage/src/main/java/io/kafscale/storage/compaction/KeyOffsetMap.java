/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Fixed-memory map from record key to the latest offset seen for it, like Kafka's offset map: keys
 * are stored as their 16-byte MD5 digest (open addressing, linear probing), so memory is {@link
 * #BYTES_PER_ENTRY} per slot whatever the key sizes. A strong 128-bit digest makes two keys sharing
 * an entry (which would drop a latest record) practically impossible. Besides the latest offset an
 * entry remembers whether a transactional record of the key was seen (its top offset bit: offsets
 * never reach 2^62). Offsets may be put in any order (the largest wins). Not thread-safe: one per
 * compaction.
 */
public final class KeyOffsetMap {

  /** Two longs of digest and one long of offset per slot. */
  public static final int BYTES_PER_ENTRY = 24;

  private static final double MAX_LOAD = 0.9;
  private static final long EMPTY = -1L;
  private static final long TRANSACTIONAL = 1L << 62;

  private final long[] hashHi;
  private final long[] hashLo;
  // EMPTY, or (TRANSACTIONAL if flagged) | (latest offset + 1), 0 meaning no offset yet.
  private final long[] offsets;
  private final int maxEntries;
  private final MessageDigest md5;
  private int size;
  private long hi;
  private long lo;

  public KeyOffsetMap(long memoryBytes) {
    int slots = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, memoryBytes / BYTES_PER_ENTRY));
    this.hashHi = new long[slots];
    this.hashLo = new long[slots];
    this.offsets = new long[slots];
    Arrays.fill(offsets, EMPTY);
    this.maxEntries = Math.max(1, (int) (slots * MAX_LOAD));
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JDK", e);
    }
  }

  /** Keys this map can hold. */
  public int capacity() {
    return maxEntries;
  }

  public int size() {
    return size;
  }

  /**
   * Records {@code offset} as the latest offset of {@code key} unless a later one was put. Fails
   * when the map is full and the key is new: callers check {@link #capacity()} before indexing a
   * segment.
   */
  public void put(ByteBuffer key, long offset) {
    int slot = slotFor(key);
    long stored = offsets[slot];
    long latest = (stored & ~TRANSACTIONAL) - 1;
    if (offset > latest) {
      offsets[slot] = (stored & TRANSACTIONAL) | (offset + 1);
    }
  }

  /** Notes that {@code key} has a transactional record; fails like {@link #put} when full. */
  public void markTransactional(ByteBuffer key) {
    int slot = slotFor(key);
    offsets[slot] |= TRANSACTIONAL;
  }

  /** The latest offset put for {@code key}, or -1. */
  public long get(ByteBuffer key) {
    digest(key);
    long stored = offsets[find()];
    return stored == EMPTY ? -1 : (stored & ~TRANSACTIONAL) - 1;
  }

  /** Whether {@link #markTransactional} was called for {@code key}. */
  public boolean isTransactional(ByteBuffer key) {
    digest(key);
    long stored = offsets[find()];
    return stored != EMPTY && (stored & TRANSACTIONAL) != 0;
  }

  /** The slot of {@code key}, claimed (with no offset) when the key is new. */
  private int slotFor(ByteBuffer key) {
    digest(key);
    int slot = find();
    if (offsets[slot] == EMPTY) {
      if (size >= maxEntries) {
        throw new IllegalStateException("key map is full (" + maxEntries + " keys)");
      }
      hashHi[slot] = hi;
      hashLo[slot] = lo;
      offsets[slot] = 0;
      size++;
    }
    return slot;
  }

  private void digest(ByteBuffer key) {
    md5.reset();
    md5.update(key.duplicate());
    byte[] d = md5.digest();
    ByteBuffer b = ByteBuffer.wrap(d);
    hi = b.getLong();
    lo = b.getLong();
  }

  /** The slot holding the current digest, or the empty slot where it would go. */
  private int find() {
    int n = offsets.length;
    int slot = (int) Long.remainderUnsigned(hi, n);
    while (offsets[slot] != EMPTY && (hashHi[slot] != hi || hashLo[slot] != lo)) {
      slot = slot + 1 == n ? 0 : slot + 1;
    }
    return slot;
  }
}
