/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP endpoints: {@code /healthz} (the process is up and its controllers have not
 * stopped), {@code /readyz} (controllers started and their informers healthy; a standby replica
 * waiting for the leader Lease is ready too) and {@code /metrics} (Prometheus). One small thread.
 */
final class AdminServer implements AutoCloseable {
  private final HttpServer server;

  AdminServer(
      InetSocketAddress address,
      BooleanSupplier live,
      BooleanSupplier ready,
      PrometheusMeterRegistry metrics)
      throws IOException {
    server = HttpServer.create(address, 16);
    server.createContext("/healthz", ex -> status(ex, live.getAsBoolean()));
    server.createContext("/readyz", ex -> status(ex, ready.getAsBoolean()));
    server.createContext(
        "/metrics",
        ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void status(HttpExchange ex, boolean ok) throws IOException {
    send(ex, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "unavailable\n");
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
