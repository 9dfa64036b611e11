/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.frame;

import io.netty.buffer.ByteBuf;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * A decoded request. {@code body} may hold views of {@code buffer} (Produce records), so the frame
 * owns one reference to {@code buffer} until {@link #close()}; whoever consumes the frame closes it
 * once the body is no longer used.
 */
public record RequestFrame(
    ApiKeys apiKey,
    short apiVersion,
    RequestHeaderData header,
    ApiMessage body,
    int sizeInBytes,
    ByteBuf buffer)
    implements AutoCloseable {

  public int correlationId() {
    return header.correlationId();
  }

  /** Client id, "" when the client sent none. */
  public String clientId() {
    return header.clientId() == null ? "" : header.clientId();
  }

  @Override
  public void close() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
