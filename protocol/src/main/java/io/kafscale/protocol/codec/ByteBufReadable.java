/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Readable;

/**
 * kafka-clients' {@link Readable} over a Netty {@link ByteBuf}, reading from its reader index.
 * {@link #readByteBuffer(int)} (and so {@code readRecords}) returns views of the buffer, not
 * copies: they stay valid only while the caller holds a reference to the buffer. Lengths are
 * checked against the readable bytes before anything is allocated. Not thread-safe.
 */
public final class ByteBufReadable implements Readable {
  private final ByteBuf buf;

  public ByteBufReadable(ByteBuf buf) {
    this.buf = buf;
  }

  @Override
  public byte readByte() {
    return buf.readByte();
  }

  @Override
  public short readShort() {
    return buf.readShort();
  }

  @Override
  public int readInt() {
    return buf.readInt();
  }

  @Override
  public long readLong() {
    return buf.readLong();
  }

  @Override
  public double readDouble() {
    return buf.readDouble();
  }

  @Override
  public byte[] readArray(int length) {
    checkLength(length);
    byte[] bytes = new byte[length];
    buf.readBytes(bytes);
    return bytes;
  }

  @Override
  public int readUnsignedVarint() {
    int value = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      byte b = buf.readByte();
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint is longer than 5 bytes");
  }

  @Override
  public ByteBuffer readByteBuffer(int length) {
    checkLength(length);
    ByteBuffer view = buf.nioBuffer(buf.readerIndex(), length);
    buf.skipBytes(length);
    return view;
  }

  @Override
  public int readVarint() {
    int raw = readUnsignedVarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  @Override
  public long readVarlong() {
    long raw = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      byte b = buf.readByte();
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IllegalArgumentException("varlong is longer than 10 bytes");
  }

  @Override
  public int remaining() {
    return buf.readableBytes();
  }

  @Override
  public Readable slice() {
    return new ByteBufReadable(buf.slice());
  }

  private void checkLength(int length) {
    if (length < 0 || length > buf.readableBytes()) {
      throw new IllegalArgumentException(
          "length " + length + " outside the " + buf.readableBytes() + " remaining bytes");
    }
  }
}
