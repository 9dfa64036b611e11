/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.engine.Mutation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Binary form of one committed write revision in the write-ahead log: {@code int length, int
 * crc32c(payload), payload}; payload = {@code long revision, int count, count × mutation}; a
 * mutation is {@code byte type (1 put, 2 delete), int keyLen, key UTF-8} and for a put {@code long
 * lease, int valueLen, value}. Big-endian. Pure.
 */
record WalRecord(long revision, List<Mutation> mutations) {
  static final int HEADER_BYTES = 8;
  private static final byte PUT = 1;
  private static final byte DELETE = 2;

  ByteBuffer encode() {
    int size = Long.BYTES + Integer.BYTES;
    List<byte[]> keys = new ArrayList<>(mutations.size());
    for (Mutation m : mutations) {
      byte[] k = m.key().getBytes(StandardCharsets.UTF_8);
      keys.add(k);
      size += 1 + Integer.BYTES + k.length;
      if (m instanceof Mutation.Put p) {
        size += Long.BYTES + Integer.BYTES + p.value().length;
      }
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + size);
    buf.putInt(size).putInt(0).putLong(revision).putInt(mutations.size());
    for (int i = 0; i < mutations.size(); i++) {
      Mutation m = mutations.get(i);
      buf.put(m instanceof Mutation.Put ? PUT : DELETE).putInt(keys.get(i).length).put(keys.get(i));
      if (m instanceof Mutation.Put p) {
        buf.putLong(p.leaseId()).putInt(p.value().length).put(p.value());
      }
    }
    buf.putInt(4, crc(buf.array(), HEADER_BYTES, size));
    return buf.flip();
  }

  /** Decodes a payload whose CRC was already checked. */
  static WalRecord decodePayload(ByteBuffer payload) {
    long revision = payload.getLong();
    int count = payload.getInt();
    List<Mutation> mutations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte type = payload.get();
      String key = new String(bytes(payload), StandardCharsets.UTF_8);
      switch (type) {
        case PUT -> {
          long lease = payload.getLong();
          mutations.add(new Mutation.Put(key, bytes(payload), lease));
        }
        case DELETE -> mutations.add(new Mutation.Delete(key));
        default -> throw new IllegalArgumentException("unknown mutation type " + type);
      }
    }
    if (payload.hasRemaining()) {
      throw new IllegalArgumentException(payload.remaining() + " trailing bytes in record");
    }
    return new WalRecord(revision, mutations);
  }

  static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }

  private static byte[] bytes(ByteBuffer buf) {
    int len = buf.getInt();
    if (len < 0 || len > buf.remaining()) {
      throw new IllegalArgumentException("bad length " + len);
    }
    byte[] b = new byte[len];
    buf.get(b);
    return b;
  }
}
