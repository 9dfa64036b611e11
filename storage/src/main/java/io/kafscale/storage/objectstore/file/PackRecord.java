/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The record format of pack files ({@link PackedFileObjectStore}). Pure and thread-safe.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic 0x4B534F42 ("KSOB")
 *      4     1  type: 1 = object, 2 = delete
 *      5     1  reserved, 0
 *      6     2  key length in bytes (UTF-8, unsigned)
 *      8     4  data length
 *     12     4  CRC-32C of the data
 *     16     4  CRC-32C of bytes 0-15 and the key
 *     20     -  key, then data
 * </pre>
 *
 * An object record's data is the object; a delete record's data is the 8-byte sequence number of
 * the pack that held the deleted object (the delete only applies to that pack's copy).
 */
final class PackRecord {

  static final int MAGIC = 0x4B534F42;
  static final byte OBJECT = 1;
  static final byte DELETE = 2;
  static final int HEADER_BYTES = 20;
  static final int MAX_KEY_BYTES = 0xFFFF;
  static final int DELETE_DATA_BYTES = Long.BYTES;

  /** A decoded header with its key; {@code dataCrc} is checked separately, if at all. */
  record Header(byte type, String key, int keyBytes, int dataLength, int dataCrc) {

    /** Bytes of the whole record. */
    long recordBytes() {
      return (long) HEADER_BYTES + keyBytes + dataLength;
    }
  }

  private PackRecord() {}

  /** Header and key of a record holding {@code data} (position to limit). */
  static ByteBuffer header(byte type, String key, ByteBuffer data) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("Object key longer than " + MAX_KEY_BYTES + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + keyBytes.length);
    out.putInt(MAGIC)
        .put(type)
        .put((byte) 0)
        .putShort((short) keyBytes.length)
        .putInt(data.remaining())
        .putInt(dataCrc(data));
    out.putInt(headerCrc(out.array(), keyBytes)).put(keyBytes);
    return out.flip();
  }

  /** The data of a delete record: the sequence number of the pack of the deleted copy. */
  static ByteBuffer deleteData(long packSeq) {
    return ByteBuffer.allocate(DELETE_DATA_BYTES).putLong(0, packSeq);
  }

  /**
   * Decodes a header from {@code fixed} ({@value #HEADER_BYTES} bytes) and {@code key}; null when
   * the bytes are not an intact header (wrong magic or type, or a checksum mismatch).
   */
  static Header decode(byte[] fixed, byte[] key) {
    ByteBuffer b = ByteBuffer.wrap(fixed);
    if (b.getInt(0) != MAGIC
        || (b.get(4) != OBJECT && b.get(4) != DELETE)
        || b.getInt(16) != headerCrc(fixed, key)) {
      return null;
    }
    int dataLength = b.getInt(8);
    if (dataLength < 0 || (b.get(4) == DELETE && dataLength != DELETE_DATA_BYTES)) {
      return null;
    }
    return new Header(
        b.get(4), new String(key, StandardCharsets.UTF_8), key.length, dataLength, b.getInt(12));
  }

  /** The key length a {@value #HEADER_BYTES}-byte header announces (unchecked). */
  static int keyLength(byte[] fixed) {
    return ByteBuffer.wrap(fixed).getShort(6) & 0xFFFF;
  }

  /** The CRC-32C of {@code data}'s remaining bytes (not consumed). */
  static int dataCrc(ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  private static int headerCrc(byte[] fixed, byte[] key) {
    CRC32C crc = new CRC32C();
    crc.update(fixed, 0, 16);
    crc.update(key);
    return (int) crc.getValue();
  }
}
