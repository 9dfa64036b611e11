/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.protocol.codec.ByteBufReadable;
import io.kafscale.protocol.codec.ByteBufWritable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * The client side of the Kafka framing, the mirror of the server's codec: requests are written with
 * the request header version kafka-clients gives for the API and version, responses read with the
 * response header version (never derived by hand: ApiVersions answers with header v0). Stateless.
 */
final class InterBrokerCodec {
  private InterBrokerCodec() {}

  /**
   * Encodes a request, length prefix included, into one exact-size buffer the caller owns. Throws
   * (leaking nothing) when the body cannot be written at {@code version}.
   */
  static ByteBuf encodeRequest(
      ByteBufAllocator alloc,
      ApiKeys apiKey,
      short version,
      int correlationId,
      String clientId,
      ApiMessage body) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setCorrelationId(correlationId)
            .setClientId(clientId);
    short headerVersion = apiKey.requestHeaderVersion(version);
    MessageSizeAccumulator size = new MessageSizeAccumulator();
    header.addSize(size, cache, headerVersion);
    body.addSize(size, cache, version);
    int total = Integer.BYTES + size.totalSize();
    ByteBuf out = alloc.buffer(total, total);
    try {
      out.writeInt(size.totalSize());
      ByteBufWritable writable = new ByteBufWritable(out);
      header.write(writable, cache, headerVersion);
      body.write(writable, cache, version);
      if (out.readableBytes() != total) {
        throw new IllegalStateException(
            "encoded " + out.readableBytes() + " bytes, expected " + total);
      }
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /** The correlation id of a response frame (length prefix already stripped). */
  static int correlationId(ByteBuf frame) {
    return frame.getInt(frame.readerIndex());
  }

  /**
   * Decodes a response frame (length prefix stripped) of {@code apiKey} at {@code version}. The
   * frame is copied to the heap first, so the body holds no view of pooled memory and the caller
   * may release {@code frame} at once (inter-broker responses are small and rare).
   */
  static ApiMessage decodeResponse(ByteBuf frame, ApiKeys apiKey, short version) {
    ByteBufReadable readable =
        new ByteBufReadable(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame)));
    new ResponseHeaderData(readable, apiKey.responseHeaderVersion(version));
    ApiMessage body = apiKey.messageType.newResponse();
    body.read(readable, version);
    return body;
  }
}
