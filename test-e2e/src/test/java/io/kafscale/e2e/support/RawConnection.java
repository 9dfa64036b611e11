/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * A bare TCP connection to the broker that writes hand-made Kafka frames, valid or not, and reads
 * raw responses. Serialization uses kafka-clients' generated message classes only; nothing here
 * comes from the broker. Not thread-safe.
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  public RawConnection(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Length-prefixed frame of a request header and body at the given versions. */
  public static ByteBuffer frame(
      RequestHeaderData header, short headerVersion, ApiMessage body, short bodyVersion) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = header.size(cache, headerVersion) + body.size(cache, bodyVersion);
    ByteBuffer buffer = ByteBuffer.allocate(4 + size);
    buffer.putInt(size);
    ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
    header.write(accessor, cache, headerVersion);
    body.write(accessor, cache, bodyVersion);
    buffer.flip();
    return buffer;
  }

  public RawConnection write(ByteBuffer bytes) {
    try {
      byte[] array = new byte[bytes.remaining()];
      bytes.duplicate().get(array);
      out.write(array);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RawConnection write(byte[] bytes) {
    return write(ByteBuffer.wrap(bytes));
  }

  /** Reads one response frame and returns its payload positioned after the response header. */
  public ByteBuffer readResponse(int expectedCorrelationId, short responseHeaderVersion) {
    try {
      int size = in.readInt();
      byte[] payload = new byte[size];
      in.readFully(payload);
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      ResponseHeaderData header =
          new ResponseHeaderData(new ByteBufferAccessor(buffer), responseHeaderVersion);
      if (header.correlationId() != expectedCorrelationId) {
        throw new AssertionError(
            "correlation id " + header.correlationId() + ", expected " + expectedCorrelationId);
      }
      return buffer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the broker closes (or resets) the connection within {@code within}. */
  public boolean closedByPeerWithin(Duration within) {
    try {
      socket.setSoTimeout((int) within.toMillis());
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the peer already closed
    }
  }
}
