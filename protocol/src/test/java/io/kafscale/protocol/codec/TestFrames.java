/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;

/** Request and response bytes made by kafka-clients' own serializers, for codec tests. */
public final class TestFrames {
  public static final String CLIENT_ID = "test-client";

  private TestFrames() {}

  /** A length-prefixed request, as kafka-clients writes it. */
  public static byte[] request(ApiKeys apiKey, short version, ApiMessage body, int correlationId) {
    RequestHeader header = new RequestHeader(apiKey, version, CLIENT_ID, correlationId);
    ByteBuffer payload =
        RequestUtils.serialize(header.data(), header.headerVersion(), body, version);
    ByteBuffer framed = ByteBuffer.allocate(Integer.BYTES + payload.remaining());
    framed.putInt(payload.remaining()).put(payload).flip();
    byte[] bytes = new byte[framed.remaining()];
    framed.get(bytes);
    return bytes;
  }

  /** A frame with a valid length prefix and just api key, version and correlation id. */
  public static byte[] headerOnly(short apiKey, short version, int correlationId) {
    ByteBuffer framed = ByteBuffer.allocate(4 + 8);
    framed.putInt(8).putShort(apiKey).putShort(version).putInt(correlationId);
    return framed.array();
  }

  public static ByteBuf wrap(byte[] bytes) {
    return Unpooled.wrappedBuffer(bytes);
  }

  /**
   * A parsed response: header correlation id and body, read by kafka-clients from {@code encoded}.
   */
  public record ParsedResponse(int correlationId, ApiMessage body) {}

  /** Parses (and releases) {@code encoded}, a length-prefixed response. */
  public static ParsedResponse parseResponse(ByteBuf encoded, ApiKeys apiKey, short version) {
    try {
      int length = encoded.readInt();
      if (length != encoded.readableBytes()) {
        throw new AssertionError(
            "length prefix " + length + " but " + encoded.readableBytes() + " bytes follow");
      }
      byte[] bytes = new byte[length];
      encoded.readBytes(bytes);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      ResponseHeader header = ResponseHeader.parse(buffer, apiKey.responseHeaderVersion(version));
      AbstractResponse response =
          AbstractResponse.parseResponse(apiKey, new ByteBufferAccessor(buffer), version);
      if (buffer.hasRemaining()) {
        throw new AssertionError(buffer.remaining() + " unread bytes after the body");
      }
      return new ParsedResponse(header.correlationId(), response.data());
    } finally {
      encoded.release();
    }
  }
}
