/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import io.kafscale.protocol.frame.ResponseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Encodes a {@link ResponseFrame} as a Kafka response: 4-byte length, response header at {@code
 * apiKey.responseHeaderVersion(apiVersion)} (kafka-clients answers 0 for ApiVersions at every
 * version), body at {@code apiVersion}. Sizes come from the generated {@code addSize} with one
 * {@link ObjectSerializationCache} that {@code write} reuses. A response without records becomes
 * one exact-size buffer; a response with records (Fetch) becomes a direct {@link CompositeByteBuf}
 * whose record components are the stored bytes (direct ones as they are, heap ones copied once; see
 * {@link ByteBufWritable}), which the transport writes with one gathering write. Stateless:
 * shareable between channels.
 */
@ChannelHandler.Sharable
public final class KafkaFrameEncoder extends MessageToMessageEncoder<ResponseFrame> {

  public KafkaFrameEncoder() {
    super(ResponseFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseFrame frame, List<Object> out) {
    out.add(encode(ctx.alloc(), frame));
  }

  /**
   * Encodes {@code frame} into a buffer the caller owns. Throws (and allocates nothing that leaks)
   * when the body cannot be written at its version, e.g. a field the version lacks was set.
   */
  public static ByteBuf encode(ByteBufAllocator alloc, ResponseFrame frame) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(frame.correlationId());
    short headerVersion = frame.apiKey().responseHeaderVersion(frame.apiVersion());
    MessageSizeAccumulator size = new MessageSizeAccumulator();
    header.addSize(size, cache, headerVersion);
    frame.body().addSize(size, cache, frame.apiVersion());

    int fieldBytes = Integer.BYTES + size.sizeExcludingZeroCopy();
    ByteBuf scratch = alloc.buffer(fieldBytes, fieldBytes);
    if (size.totalSize() == size.sizeExcludingZeroCopy()) {
      try {
        scratch.writeInt(size.totalSize());
        ByteBufWritable writable = new ByteBufWritable(scratch);
        header.write(writable, cache, headerVersion);
        frame.body().write(writable, cache, frame.apiVersion());
        checkSize(scratch, size.totalSize());
        return scratch;
      } catch (RuntimeException e) {
        scratch.release();
        throw e;
      }
    }
    CompositeByteBuf composite = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
    try {
      scratch.writeInt(size.totalSize());
      ByteBufWritable writable = ByteBufWritable.zeroCopy(scratch, composite);
      header.write(writable, cache, headerVersion);
      frame.body().write(writable, cache, frame.apiVersion());
      writable.finish();
      checkSize(composite, size.totalSize());
      return composite;
    } catch (RuntimeException e) {
      composite.release();
      throw e;
    } finally {
      scratch.release();
    }
  }

  private static void checkSize(ByteBuf encoded, int expectedSize) {
    if (encoded.readableBytes() != Integer.BYTES + expectedSize) {
      throw new IllegalStateException(
          "encoded "
              + encoded.readableBytes()
              + " bytes, expected "
              + (Integer.BYTES + expectedSize));
    }
  }
}
