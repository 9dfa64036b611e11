/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import io.kafscale.protocol.records.ZeroCopyWritable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * kafka-clients' {@code Writable} over a Netty {@link ByteBuf}. In copy mode everything, records
 * included, is written into one buffer. In zero-copy mode (see {@link #zeroCopy}) fields go into a
 * scratch buffer and each records field closes the current scratch region as a component of the
 * output {@link CompositeByteBuf} and appends the record bytes as their own components: direct
 * stored bytes as they are, heap ones copied once into pooled direct memory (the one copy the
 * socket write needs anyway). Not thread-safe; one instance per message written.
 */
public final class ByteBufWritable extends ZeroCopyWritable {
  private final ByteBuf buf;
  private final CompositeByteBuf out;
  private int regionStart;

  /** Copy mode: writes everything into {@code buf}. */
  public ByteBufWritable(ByteBuf buf) {
    this(buf, null);
  }

  private ByteBufWritable(ByteBuf scratch, CompositeByteBuf out) {
    this.buf = scratch;
    this.out = out;
    this.regionStart = scratch.readerIndex();
  }

  /**
   * Zero-copy mode: fields are written into {@code scratch}; its readable bytes (including any
   * written before this call, such as a length prefix) and the records are appended to {@code out}
   * as components, in order. Call {@link #finish()} after the last write; then {@code out} holds
   * its own references and the caller still owns (and releases) {@code scratch}. Create {@code out}
   * with {@code alloc.compositeDirectBuffer(Integer.MAX_VALUE)}: a composite with the default 16
   * components consolidates, which is a copy.
   */
  public static ByteBufWritable zeroCopy(ByteBuf scratch, CompositeByteBuf out) {
    return new ByteBufWritable(scratch, out);
  }

  /** Zero-copy mode: moves the bytes written since the last records field into the output. */
  public void finish() {
    if (out != null) {
      flushRegion();
    }
  }

  @Override
  public void writeByte(byte val) {
    buf.writeByte(val);
  }

  @Override
  public void writeShort(short val) {
    buf.writeShort(val);
  }

  @Override
  public void writeInt(int val) {
    buf.writeInt(val);
  }

  @Override
  public void writeLong(long val) {
    buf.writeLong(val);
  }

  @Override
  public void writeDouble(double val) {
    buf.writeDouble(val);
  }

  @Override
  public void writeByteArray(byte[] arr) {
    buf.writeBytes(arr);
  }

  @Override
  public void writeUnsignedVarint(int i) {
    int value = i;
    while ((value & 0xffffff80) != 0) {
      buf.writeByte((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buf.writeByte(value);
  }

  @Override
  public void writeByteBuffer(ByteBuffer byteBuffer) {
    buf.writeBytes(byteBuffer.duplicate());
  }

  @Override
  public void writeVarint(int i) {
    writeUnsignedVarint((i << 1) ^ (i >> 31));
  }

  @Override
  public void writeVarlong(long i) {
    long value = (i << 1) ^ (i >> 63);
    while ((value & 0xffffffffffffff80L) != 0L) {
      buf.writeByte(((int) value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buf.writeByte((int) value);
  }

  @Override
  protected void appendRecordBytes(ByteBuffer bytes) {
    if (out == null) {
      buf.writeBytes(bytes.duplicate());
      return;
    }
    flushRegion();
    if (!bytes.hasRemaining()) {
      return;
    }
    if (bytes.isDirect()) {
      out.addComponent(true, Unpooled.wrappedBuffer(bytes.duplicate()));
    } else {
      // The socket needs direct memory: copy heap bytes once, here, into a pooled buffer. Left as
      // a heap component, the transport would first merge the whole composite into a new heap
      // array and then copy that into direct memory (two copies and a large garbage array).
      ByteBuf direct = buf.alloc().directBuffer(bytes.remaining());
      direct.writeBytes(bytes.duplicate());
      out.addComponent(true, direct);
    }
  }

  private void flushRegion() {
    int end = buf.writerIndex();
    if (end > regionStart) {
      out.addComponent(true, buf.retainedSlice(regionStart, end - regionStart));
      regionStart = end;
    }
  }
}
