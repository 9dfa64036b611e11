/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.metadata.model.BrokerRecord;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to one broker endpoint: connects on first use, queues requests while
 * connecting, matches responses to requests by correlation id, fails a request after the request
 * timeout, fails every in-flight request when the connection drops, and refuses sends (fast, with a
 * retriable {@link NetworkException}) during the reconnect backoff after a failure. Thread-safe:
 * connection state is guarded by this object's lock, responses complete on the channel's event loop
 * (callers must not block in their callbacks).
 */
final class BrokerConnection {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

  private record Pending(
      Channel channel,
      int correlationId,
      ApiKeys apiKey,
      short version,
      CompletableFuture<ApiMessage> result) {}

  private record Queued(
      ApiKeys apiKey, short version, ApiMessage body, CompletableFuture<ApiMessage> result) {}

  private final BrokerRecord broker;
  private final Bootstrap bootstrap;
  private final InterBrokerSettings settings;
  private final Clock clock;
  private final ReconnectBackoff backoff;
  private final Map<Integer, Pending> inflight = new ConcurrentHashMap<>();
  private final List<Queued> queued = new ArrayList<>();
  private Channel channel;
  private boolean connecting;
  private long retryAtMs = Long.MIN_VALUE;
  private int nextCorrelationId;
  private boolean closed;

  BrokerConnection(
      BrokerRecord broker, Bootstrap template, InterBrokerSettings settings, Clock clock) {
    this.broker = broker;
    this.settings = settings;
    this.clock = clock;
    this.backoff =
        new ReconnectBackoff(settings.reconnectBackoff(), settings.reconnectBackoffMax());
    this.bootstrap =
        template
            .clone()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            "frame-decoder",
                            new LengthFieldBasedFrameDecoder(
                                settings.maxFrameBytes(), 0, Integer.BYTES, 0, Integer.BYTES))
                        .addLast("responses", new ResponseHandler());
                  }
                });
  }

  /** Whether this connection talks to the endpoint {@code other} advertises. */
  boolean sameEndpoint(BrokerRecord other) {
    return broker.host().equals(other.host())
        && broker.port() == other.port()
        && broker.incarnation().equals(other.incarnation());
  }

  CompletableFuture<ApiMessage> send(ApiKeys apiKey, short version, ApiMessage body) {
    CompletableFuture<ApiMessage> result = new CompletableFuture<>();
    Channel ready;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new NetworkException("inter-broker client closed"));
      }
      if (channel == null || !channel.isActive()) {
        if (!connecting && clock.millis() < retryAtMs) {
          return CompletableFuture.failedFuture(
              new NetworkException(
                  "broker " + broker.brokerId() + " unreachable, backing off before reconnecting"));
        }
        queued.add(new Queued(apiKey, version, body, result));
        if (!connecting) {
          connect();
        }
        return result;
      }
      ready = channel;
    }
    write(ready, apiKey, version, body, result);
    return result;
  }

  /** Must hold the lock. */
  private void connect() {
    connecting = true;
    ChannelFuture connected = bootstrap.connect(broker.host(), broker.port());
    connected.addListener(f -> onConnected(connected));
  }

  private void onConnected(ChannelFuture connected) {
    List<Queued> toSend;
    Channel ready;
    synchronized (this) {
      connecting = false;
      toSend = List.copyOf(queued);
      queued.clear();
      if (!connected.isSuccess() || closed) {
        retryAtMs = clock.millis() + backoff.onFailure();
        ready = null;
        if (connected.isSuccess()) {
          connected.channel().close();
        }
      } else {
        backoff.onSuccess();
        channel = connected.channel();
        channel.closeFuture().addListener(f -> onDisconnected(connected.channel()));
        ready = channel;
      }
    }
    if (ready == null) {
      Throwable cause = connected.cause();
      LOG.debug(
          "inter-broker connect failed brokerId={} error={}",
          broker.brokerId(),
          cause == null ? "closed" : cause.toString());
      NetworkException failure =
          new NetworkException(
              "cannot connect to broker "
                  + broker.brokerId()
                  + " at "
                  + broker.host()
                  + ":"
                  + broker.port(),
              cause);
      toSend.forEach(q -> q.result().completeExceptionally(failure));
      return;
    }
    toSend.forEach(q -> write(ready, q.apiKey(), q.version(), q.body(), q.result()));
  }

  private void onDisconnected(Channel lost) {
    synchronized (this) {
      if (channel == lost) {
        channel = null;
        if (!closed) {
          retryAtMs = clock.millis() + backoff.onFailure();
        }
      }
    }
    failAll(lost, new NetworkException("connection to broker " + broker.brokerId() + " lost"));
  }

  private void write(
      Channel ch,
      ApiKeys apiKey,
      short version,
      ApiMessage body,
      CompletableFuture<ApiMessage> result) {
    int correlationId;
    synchronized (this) {
      correlationId = nextCorrelationId++;
      if (nextCorrelationId == Integer.MAX_VALUE) {
        nextCorrelationId = 0;
      }
    }
    ByteBuf encoded;
    try {
      encoded =
          InterBrokerCodec.encodeRequest(
              ch.alloc(), apiKey, version, correlationId, settings.clientId(), body);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    Pending pending = new Pending(ch, correlationId, apiKey, version, result);
    inflight.put(correlationId, pending);
    var timer =
        ch.eventLoop()
            .schedule(
                () -> timeout(ch, pending),
                settings.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    ch.writeAndFlush(encoded)
        .addListener(
            f -> {
              if (!f.isSuccess() && inflight.remove(correlationId, pending)) {
                result.completeExceptionally(
                    new NetworkException(
                        "write to broker " + broker.brokerId() + " failed", f.cause()));
              }
            });
    if (!ch.isActive() && inflight.remove(correlationId, pending)) {
      // The channel died between the lookup and the registration: nobody else will fail it.
      result.completeExceptionally(
          new NetworkException("connection to broker " + broker.brokerId() + " lost"));
    }
  }

  /**
   * Fails the request and drops the connection, as Kafka's NetworkClient does: brokers answer in
   * request order, so a request stuck on the server blocks every later response on the connection.
   * The next send reconnects without backoff (the endpoint did not refuse us).
   */
  private void timeout(Channel ch, Pending pending) {
    if (inflight.remove(pending.correlationId(), pending)) {
      synchronized (this) {
        if (channel == ch) {
          channel = null;
        }
      }
      ch.close();
      pending
          .result()
          .completeExceptionally(
              new TimeoutException(
                  pending.apiKey().name
                      + " to broker "
                      + broker.brokerId()
                      + " got no response within "
                      + settings.requestTimeout().toMillis()
                      + " ms"));
    }
  }

  /** Fails the requests in flight on {@code lost} (every channel's when null). */
  private void failAll(Channel lost, Throwable cause) {
    for (Pending p : List.copyOf(inflight.values())) {
      if ((lost == null || p.channel() == lost) && inflight.remove(p.correlationId(), p)) {
        p.result().completeExceptionally(cause);
      }
    }
  }

  /** Closes the channel and fails every queued and in-flight request. */
  void close() {
    Channel ch;
    List<Queued> toFail;
    synchronized (this) {
      closed = true;
      ch = channel;
      channel = null;
      toFail = List.copyOf(queued);
      queued.clear();
    }
    NetworkException failure = new NetworkException("inter-broker client closed");
    toFail.forEach(q -> q.result().completeExceptionally(failure));
    failAll(null, failure);
    if (ch != null) {
      ch.close();
    }
  }

  private void onResponse(ByteBuf frame) {
    try {
      int correlationId = InterBrokerCodec.correlationId(frame);
      Pending pending = inflight.remove(correlationId);
      if (pending == null) {
        LOG.debug(
            "dropping response without a waiting request brokerId={} correlationId={}",
            broker.brokerId(),
            correlationId);
        return;
      }
      try {
        pending
            .result()
            .complete(InterBrokerCodec.decodeResponse(frame, pending.apiKey(), pending.version()));
      } catch (RuntimeException e) {
        pending.result().completeExceptionally(e);
      }
    } finally {
      frame.release();
    }
  }

  /** Hands response frames to the connection; closes the channel on a pipeline error. */
  private final class ResponseHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf frame) {
        onResponse(frame);
      } else {
        ctx.fireChannelRead(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn(
          "inter-broker connection failed, closing brokerId={} error={}",
          broker.brokerId(),
          cause.toString());
      ctx.close();
    }
  }
}
