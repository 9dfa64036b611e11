/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import io.kafscale.protocol.api.SupportedApis;
import io.kafscale.protocol.frame.FrameTooLargeException;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.UnsupportedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the bytes of one connection into {@link RequestFrame}s and {@link UnsupportedRequest}s.
 *
 * <p>Framing: a 4-byte length, then that many bytes. A frame that lies inside one read is a
 * retained slice of that read (no copy); a frame spread over reads is copied once into a buffer of
 * exactly its size (unlike {@code LengthFieldBasedFrameDecoder}, which copies every read into a
 * growing cumulation). With {@link #accumulateIncrementally(boolean)} on (connections that have not
 * authenticated yet) that buffer instead starts small and grows with the bytes that actually
 * arrive, so a peer that only sends a large length prefix gets no allocation proportional to its
 * claim. A length above {@code maxFrameBytes} fires {@link FrameTooLargeException} and closes the
 * connection; a length too small for a request header (negative included) closes it.
 *
 * <p>Parsing: an unknown API key, or a version {@link SupportedApis} does not serve, gives an
 * {@link UnsupportedRequest} and the body is not parsed. That includes ApiVersions at an unknown
 * version (key 18): the consumer must answer it with {@code ApiVersionsResponses.answerTo}, i.e. an
 * ApiVersions v0 UNSUPPORTED_VERSION response, and keep the connection open. Otherwise the header
 * and body are parsed with kafka-clients' generated classes; a body that fails to parse is a
 * malformed frame and closes the connection.
 *
 * <p>Buffers: each {@link RequestFrame} owns one reference to its frame buffer (Produce records are
 * views of it) and must be closed by its consumer. Nothing else leaves this handler retained. One
 * instance per channel; runs on the channel's event loop.
 */
public final class KafkaFrameDecoder extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFrameDecoder.class);

  /** api key (2) + api version (2) + correlation id (4): present in every request header. */
  private static final int MIN_FRAME_BYTES = 8;

  /** First capacity of a frame buffer that grows with arriving bytes. */
  private static final int INITIAL_INCREMENTAL_BYTES = 256;

  private int maxFrameBytes;
  private boolean incremental;
  private int lengthBytesRead;
  private int frameLength;
  private ByteBuf partial;
  private boolean failed;
  private boolean producedSinceReadComplete;

  public KafkaFrameDecoder(int maxFrameBytes) {
    if (maxFrameBytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Changes the largest accepted frame for the frames whose length is read from now on (e.g. a
   * small limit until a connection has authenticated). Call on the channel's event loop.
   */
  public void maxFrameBytes(int bytes) {
    if (bytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES);
    }
    this.maxFrameBytes = bytes;
  }

  /**
   * Whether a frame spread over reads is accumulated in a buffer that grows as its bytes arrive
   * (true: before authentication, where the claimed length is not trusted) or allocated at its
   * claimed size at once (false, the default: one copy, no re-allocation). Applies to the frames
   * started from now on. Call on the channel's event loop.
   */
  public void accumulateIncrementally(boolean on) {
    this.incremental = on;
  }

  /** The largest frame currently accepted. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (in.isReadable() && !failed) {
        decodeOne(ctx, in);
      }
    } finally {
      in.release();
    }
  }

  private void decodeOne(ChannelHandlerContext ctx, ByteBuf in) {
    if (partial == null) {
      if (!readLength(in) || !acceptLength(ctx)) {
        return;
      }
      if (in.readableBytes() >= frameLength) {
        ByteBuf frame = in.retainedSlice(in.readerIndex(), frameLength);
        in.skipBytes(frameLength);
        lengthBytesRead = 0;
        process(ctx, frame);
        return;
      }
      int initial =
          incremental
              ? Math.min(frameLength, Math.max(INITIAL_INCREMENTAL_BYTES, in.readableBytes()))
              : frameLength;
      partial = ctx.alloc().buffer(initial, frameLength);
    }
    // Grows up to the frame length (its max capacity) as bytes come in.
    partial.writeBytes(in, Math.min(partial.maxWritableBytes(), in.readableBytes()));
    if (partial.writerIndex() == frameLength) {
      ByteBuf frame = partial;
      partial = null;
      lengthBytesRead = 0;
      process(ctx, frame);
    }
  }

  /** Reads (the rest of) the length prefix; false when the read ended inside it. */
  private boolean readLength(ByteBuf in) {
    if (lengthBytesRead == 0 && in.readableBytes() >= Integer.BYTES) {
      frameLength = in.readInt();
      lengthBytesRead = Integer.BYTES;
      return true;
    }
    while (lengthBytesRead < Integer.BYTES && in.isReadable()) {
      frameLength = (frameLength << 8) | in.readUnsignedByte();
      lengthBytesRead++;
    }
    return lengthBytesRead == Integer.BYTES;
  }

  private boolean acceptLength(ChannelHandlerContext ctx) {
    if (frameLength > maxFrameBytes) {
      fail();
      ctx.fireExceptionCaught(
          new FrameTooLargeException(
              "frame of " + frameLength + " bytes exceeds the maximum of " + maxFrameBytes));
      ctx.close();
      return false;
    }
    if (frameLength < MIN_FRAME_BYTES) {
      LOG.warn(
          "Malformed frame length, closing connection frameLength={} remote={}",
          frameLength,
          ctx.channel().remoteAddress());
      fail();
      ctx.close();
      return false;
    }
    return true;
  }

  private void process(ChannelHandlerContext ctx, ByteBuf frame) {
    short keyId = frame.getShort(0);
    short version = frame.getShort(2);
    int correlationId = frame.getInt(4);
    String refusal = refusal(keyId, version);
    if (refusal != null) {
      frame.release();
      emit(ctx, new UnsupportedRequest(keyId, version, correlationId, refusal));
      return;
    }
    ApiKeys apiKey = ApiKeys.forId(keyId);
    RequestFrame request = parse(ctx, apiKey, version, correlationId, frame);
    if (request != null) {
      emit(ctx, request);
    }
  }

  /** Why a request cannot be parsed, or null when it can. */
  private static String refusal(short keyId, short version) {
    if (!ApiKeys.hasId(keyId)) {
      return "unknown API key " + keyId;
    }
    ApiKeys apiKey = ApiKeys.forId(keyId);
    if (!SupportedApis.isServed(apiKey, version)) {
      return SupportedApis.of(apiKey)
          .map(
              api ->
                  apiKey.name
                      + " v"
                      + version
                      + " is not served (v"
                      + api.minServedVersion()
                      + "-v"
                      + api.maxServedVersion()
                      + " are)")
          .orElse("API " + apiKey.name + " is not served");
    }
    return null;
  }

  private RequestFrame parse(
      ChannelHandlerContext ctx, ApiKeys apiKey, short version, int correlationId, ByteBuf frame) {
    RequestHeaderData header = null;
    try {
      ByteBufReadable readable = new ByteBufReadable(frame);
      header = new RequestHeaderData(readable, apiKey.requestHeaderVersion(version));
      ApiMessage body = apiKey.messageType.newRequest();
      body.read(readable, version);
      frame.readerIndex(0);
      return new RequestFrame(apiKey, version, header, body, frame.readableBytes(), frame);
    } catch (RuntimeException e) {
      frame.release();
      String clientId = header == null || header.clientId() == null ? "" : header.clientId();
      LOG.warn(
          "Malformed request, closing connection clientId={} apiKey={} apiVersion={} correlationId={} error={}",
          clientId,
          apiKey.name,
          version,
          correlationId,
          e.toString());
      LOG.debug("Malformed request stack trace", e);
      fail();
      ctx.close();
      return null;
    }
  }

  private void emit(ChannelHandlerContext ctx, Object message) {
    producedSinceReadComplete = true;
    ctx.fireChannelRead(message);
  }

  private void fail() {
    failed = true;
    releasePartial();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // With auto-read off (back-pressure), a read that completed no frame must ask for more bytes
    // itself, or the connection stalls mid-frame.
    if (!producedSinceReadComplete && !failed && !ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
    producedSinceReadComplete = false;
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releasePartial();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releasePartial();
  }

  private void releasePartial() {
    if (partial != null) {
      partial.release();
      partial = null;
    }
  }
}
