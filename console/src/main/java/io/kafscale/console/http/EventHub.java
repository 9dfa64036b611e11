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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server-sent-event streams ({@code GET /api/v1/events}) and the latest document of each
 * event name, which a new stream receives at once. A stream is dropped when its channel closes or a
 * write fails. Thread-safe.
 */
public final class EventHub {
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final Map<String, String> latest = new LinkedHashMap<>();

  /** Registers an open stream whose response headers were sent, and replays the latest events. */
  public void attach(Channel channel) {
    channels.add(channel);
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
    for (Channel channel : channels) {
      send(channel, event, json);
    }
  }

  public int streams() {
    return channels.size();
  }

  /** Closes every stream (server shutdown). */
  public void closeAll() {
    channels.forEach(Channel::close);
    channels.clear();
  }

  static String frame(String event, String json) {
    // JSON from Jackson has no raw newlines, so one data line per event is enough.
    return "event: " + event + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
  }

  private void send(Channel channel, String event, String json) {
    if (!channel.isActive()) {
      channels.remove(channel);
      return;
    }
    byte[] bytes = frame(event, json).getBytes(StandardCharsets.UTF_8);
    channel
        .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                channels.remove(channel);
                channel.close();
              }
            });
  }
}
