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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints: {@code GET /metrics} (Prometheus text), {@code GET /healthz} (200
 * while the process runs), {@code GET /readyz} (200 when {@code readiness} says so, else 503), the
 * JSON APIs under {@code /api/v1} once {@linkplain #install installed} (answered when their future
 * completes; 404 JSON for an {@code /api/v1} path no API serves, 503 JSON when an API's store
 * failed), 404 for any other path and 405 for other methods. Sharable and thread-safe.
 */
@ChannelHandler.Sharable
public final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  static final String API_PREFIX = "/api/v1/";

  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier readiness;
  // Null until the broker installs its APIs (the server binds before the broker has joined).
  private volatile List<JsonApi> apis;

  public AdminHttpHandler(PrometheusMeterRegistry registry, BooleanSupplier readiness) {
    this.registry = registry;
    this.readiness = readiness;
  }

  /**
   * @param groups the consumer-group API; null to answer its paths with 404
   */
  public AdminHttpHandler(
      PrometheusMeterRegistry registry, BooleanSupplier readiness, GroupsApi groups) {
    this(registry, readiness);
    if (groups != null) {
      install(List.of(groups));
    }
  }

  /**
   * Serves {@code apis} under {@code /api/v1} from now on (replacing any installed before). Until
   * the first call, {@code /api/v1} paths answer 503 {@code {"error":"starting"}}.
   */
  public void install(List<? extends JsonApi> apis) {
    this.apis = List.copyOf(apis);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).rawPath();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().equals(HttpMethod.HEAD);
    boolean read = request.method().equals(HttpMethod.GET) || head;
    if (read && (path.startsWith(API_PREFIX) || path.equals("/api/v1"))) {
      // The request is released when this method returns: keep only what the answer needs.
      answer(path)
          .whenComplete(
              (r, e) -> {
                GroupsApi.JsonResponse answer = e == null ? r : failure(e);
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

  private CompletableFuture<GroupsApi.JsonResponse> answer(String path) {
    List<JsonApi> installed = apis;
    if (installed == null) {
      return CompletableFuture.completedFuture(JsonApi.error(503, "starting"));
    }
    for (JsonApi api : installed) {
      if (api.serves(path)) {
        try {
          return api.get(path);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }
    return CompletableFuture.completedFuture(JsonApi.error(404, "not_found"));
  }

  /** A store that could not be read answers 503, as the group endpoints do. */
  private static GroupsApi.JsonResponse failure(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    LOG.debug("Admin API request failed error={}", cause.toString());
    return new GroupsApi.JsonResponse(
        503,
        new JsonWriter()
            .beginObject()
            .field("error", "unavailable")
            .field("message", cause.getClass().getSimpleName())
            .endObject()
            .toString());
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
