/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints: {@code GET /metrics} (Prometheus text), {@code GET /healthz} (200
 * while the process runs), {@code GET /readyz} (200 when {@code readiness} says so, else 503), the
 * consumer-group JSON API under {@code /api/v1/groups} when a {@link GroupsApi} is given (answered
 * when its future completes), 404 for any other path and 405 for other methods. Sharable and
 * thread-safe.
 */
@ChannelHandler.Sharable
public final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier readiness;
  private final GroupsApi groups;

  public AdminHttpHandler(PrometheusMeterRegistry registry, BooleanSupplier readiness) {
    this(registry, readiness, null);
  }

  /**
   * @param groups the consumer-group API; null to answer its paths with 404
   */
  public AdminHttpHandler(
      PrometheusMeterRegistry registry, BooleanSupplier readiness, GroupsApi groups) {
    this.registry = registry;
    this.readiness = readiness;
    this.groups = groups;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).rawPath();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().equals(HttpMethod.HEAD);
    boolean read = request.method().equals(HttpMethod.GET) || head;
    if (read && groups != null && GroupsApi.handles(path)) {
      // The request is released when this method returns: keep only what the answer needs.
      groups
          .get(path)
          .whenComplete(
              (r, e) -> {
                GroupsApi.JsonResponse answer =
                    e == null ? r : new GroupsApi.JsonResponse(500, "{\"error\":\"internal\"}");
                send(
                    ctx,
                    text(HttpResponseStatus.valueOf(answer.status()), JSON, answer.body()),
                    keepAlive,
                    head);
              });
      return;
    }
    FullHttpResponse response;
    if (!read) {
      response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, PLAIN_TEXT, "method not allowed\n");
    } else {
      response =
          switch (path) {
            case "/metrics" -> text(HttpResponseStatus.OK, PROMETHEUS_TEXT, registry.scrape());
            case "/healthz" -> text(HttpResponseStatus.OK, PLAIN_TEXT, "ok\n");
            case "/readyz" ->
                readiness.getAsBoolean()
                    ? text(HttpResponseStatus.OK, PLAIN_TEXT, "ready\n")
                    : text(HttpResponseStatus.SERVICE_UNAVAILABLE, PLAIN_TEXT, "not ready\n");
            default -> text(HttpResponseStatus.NOT_FOUND, PLAIN_TEXT, "not found\n");
          };
    }
    send(ctx, response, keepAlive, head);
  }

  private static void send(
      ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
    if (head) {
      response.content().clear();
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var future = ctx.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String type, String body) {
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return response;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "Admin connection error remote={} error={}",
        ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
