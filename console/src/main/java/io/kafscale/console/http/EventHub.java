/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server-sent-event streams ({@code GET /api/v1/events}), each bound to the session that
 * opened it, and the latest document of each event name, which a new stream receives at once. A
 * stream is dropped when its channel closes, a write fails, its session ends ({@link
 * #closeSession}), or it stops reading: a channel that is not writable when an event is due has a
 * full outbound buffer, and queueing more would grow memory without bound, so it is closed (the
 * browser's EventSource reconnects and gets the latest events again). Thread-safe.
 */
public final class EventHub {
  private final Map<Channel, String> channels = new ConcurrentHashMap<>();
  private final Map<String, String> latest = new LinkedHashMap<>();

  /**
   * Registers an open stream of session {@code sessionId} whose response headers were sent, and
   * replays the latest events.
   */
  public void attach(Channel channel, String sessionId) {
    channels.put(channel, sessionId);
    channel.closeFuture().addListener(f -> channels.remove(channel));
    Map<String, String> snapshot;
    synchronized (latest) {
      snapshot = Map.copyOf(latest);
    }
    snapshot.forEach((event, json) -> send(channel, event, json));
  }

  /** Sends {@code event} with JSON {@code data} to every open stream. */
  public void publish(String event, String json) {
    synchronized (latest) {
      latest.put(event, json);
    }
    for (Channel channel : channels.keySet()) {
      send(channel, event, json);
    }
  }

  /** Closes the streams of a session that ended (logout or expiry). */
  public void closeSession(String sessionId) {
    channels.forEach(
        (channel, id) -> {
          if (id.equals(sessionId)) {
            drop(channel);
          }
        });
  }

  public int streams() {
    return channels.size();
  }

  /** Closes every stream (server shutdown). */
  public void closeAll() {
    channels.keySet().forEach(Channel::close);
    channels.clear();
  }

  static String frame(String event, String json) {
    // JSON from Jackson has no raw newlines, so one data line per event is enough.
    return "event: " + event + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
  }

  private void send(Channel channel, String event, String json) {
    if (!channel.isActive() || !channel.isWritable()) {
      drop(channel);
      return;
    }
    byte[] bytes = frame(event, json).getBytes(StandardCharsets.UTF_8);
    channel
        .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                drop(channel);
              }
            });
  }

  private void drop(Channel channel) {
    channels.remove(channel);
    channel.close();
  }
}
