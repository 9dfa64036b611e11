/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Turns aggregated HTTP requests into {@link ApiRequest}s: assets are answered on the event loop
 * (classpath reads), API calls run on the worker executor (they wait on Kafka and the brokers) and
 * their answers are written back from there, {@code GET /api/v1/events} becomes a server-sent event
 * stream in {@link EventHub}, {@code /healthz} and {@code /readyz} go to {@link HealthRoutes}.
 * Every response carries {@link SecurityHeaders}. Sharable: holds no per-connection state.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class ConsoleHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  public static final String SESSION_COOKIE = "KAFSCALE_SESSION";

  private final Routes routes;
  private final StaticAssets assets;
  private final EventHub events;
  private final Executor workers;
  private final HealthRoutes health;

  public ConsoleHttpHandler(
      Routes routes, StaticAssets assets, EventHub events, Executor workers, HealthRoutes health) {
    this.routes = routes;
    this.assets = assets;
    this.events = events;
    this.workers = workers;
    this.health = health;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    if (!msg.decoderResult().isSuccess()) {
      boolean tooLong = msg.decoderResult().cause() instanceof TooLongFrameException;
      write(
          ctx,
          ApiResponse.error(
              new ApiException(tooLong ? 431 : 400, "BAD_REQUEST", "malformed HTTP request", null)),
          false);
      return;
    }
    ApiRequest request;
    try {
      request = parse(msg);
    } catch (ApiException e) {
      write(ctx, ApiResponse.error(e), keepAlive);
      return;
    }
    List<String> segments = request.segments();
    // Probes come without a session: answered before the API's guards and the asset fallback.
    Optional<CompletableFuture<ApiResponse>> probe = health.handle(request);
    if (probe.isPresent()) {
      probe.get().thenAccept(response -> write(ctx, response, keepAlive));
      return;
    }
    if (routes.isApiPath(segments)) {
      if (segments.equals(List.of("api", "v1", "events")) && request.method().equals("GET")) {
        openEventStream(ctx, request);
        return;
      }
      CompletableFuture.supplyAsync(() -> routes.handle(request), workers)
          .thenAccept(response -> writeLater(ctx, response, keepAlive));
      return;
    }
    if (!request.isGet()) {
      write(
          ctx,
          ApiResponse.error(
              new ApiException(405, "METHOD_NOT_ALLOWED", "only GET is allowed here", null)),
          keepAlive);
      return;
    }
    write(
        ctx,
        assets
            .serve(segments)
            .orElseGet(() -> ApiResponse.error(ApiException.notFound("no such page"))),
        keepAlive);
  }

  private void openEventStream(ChannelHandlerContext ctx, ApiRequest request) {
    Optional<io.kafscale.console.auth.Session> session = routes.session(request);
    if (session.isEmpty()) {
      write(ctx, ApiResponse.error(ApiException.unauthenticated("log in first")), false);
      return;
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    SecurityHeaders.apply(head.headers());
    ctx.writeAndFlush(head);
    ConnectionGuard.streaming(ctx.pipeline());
    events.attach(ctx.channel(), session.get().id());
  }

  private void writeLater(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    if (response.delay().isZero()) {
      write(ctx, response, keepAlive);
      return;
    }
    CompletableFuture.delayedExecutor(response.delay().toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> write(ctx, response, keepAlive));
  }

  static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()));
    if (response.contentType() != null) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    }
    if (ApiResponse.JSON.equals(response.contentType())) {
      out.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }
    response.headers().forEach((k, v) -> out.headers().set(k, v));
    SecurityHeaders.apply(out.headers());
    HttpUtil.setContentLength(out, response.body().length);
    HttpUtil.setKeepAlive(out, keepAlive);
    var future = ctx.writeAndFlush(out);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }

  static ApiRequest parse(FullHttpRequest msg) {
    QueryStringDecoder decoder = new QueryStringDecoder(msg.uri());
    List<String> segments = new ArrayList<>();
    for (String raw : decoder.rawPath().split("/")) {
      if (!raw.isEmpty()) {
        segments.add(decode(raw));
      }
    }
    Map<String, String> headers = new java.util.HashMap<>();
    msg.headers()
        .forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    return new ApiRequest(
        msg.method().name(),
        List.copyOf(segments),
        decoder.parameters(),
        Map.copyOf(headers),
        sessionId(msg),
        ByteBufUtil.getBytes(msg.content()));
  }

  private static Optional<String> sessionId(FullHttpRequest msg) {
    String header = msg.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return Optional.empty();
    }
    for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
      if (cookie.name().equals(SESSION_COOKIE)) {
        return Optional.of(cookie.value());
      }
    }
    return Optional.empty();
  }

  /** Percent-decodes one path segment ('+' stays '+': it is not a space in paths). */
  static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed percent-encoding in the path");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
