/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.broker.health.HealthReport;
import io.kafscale.broker.health.ProbeResult;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.storage.cache.SegmentCache;
import io.kafscale.storage.log.StorageMeters;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The broker endpoints of the admin HTTP API (documented in {@code docs/admin-api.md}): {@code GET
 * /api/v1/broker} (identity, uptime, readiness, controller role, stores, owned partitions), {@code
 * GET /api/v1/health} (the last probe of each store) and {@code GET /api/v1/cache} (segment cache
 * statistics). Thread-safe.
 */
public final class BrokerApi implements JsonApi {
  static final String BROKER = "/api/v1/broker";
  static final String HEALTH = "/api/v1/health";
  static final String CACHE = "/api/v1/cache";

  /** What the broker endpoint reports besides its registration. */
  public record Status(
      BooleanSupplier ready,
      BooleanSupplier controller,
      IntSupplier ownedPartitions,
      String objectStore,
      String metadataStore) {}

  private final BrokerRecord self;
  private final Status status;
  private final Supplier<HealthReport> health;
  private final SegmentCache<?> cache;
  private final Clock clock;

  /**
   * @param self this broker's registration (its allocated id, advertised address and admin port)
   * @param cache the segment cache shared by the partition logs
   */
  public BrokerApi(
      BrokerRecord self,
      Status status,
      Supplier<HealthReport> health,
      SegmentCache<?> cache,
      Clock clock) {
    this.self = self;
    this.status = status;
    this.health = health;
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public boolean serves(String path) {
    return path.equals(BROKER) || path.equals(HEALTH) || path.equals(CACHE);
  }

  @Override
  public CompletableFuture<GroupsApi.JsonResponse> get(String path) {
    String body =
        switch (path) {
          case BROKER -> broker();
          case HEALTH -> health();
          case CACHE -> cache();
          default -> null;
        };
    return CompletableFuture.completedFuture(
        body == null ? JsonApi.error(404, "not_found") : new GroupsApi.JsonResponse(200, body));
  }

  private String broker() {
    long now = clock.millis();
    return new JsonWriter()
        .beginObject()
        .field("brokerId", self.brokerId())
        .field("host", self.host())
        .field("port", self.port())
        .field("adminPort", self.adminPort())
        .field("rack", self.rack().orElse(null))
        .field("startedAtMs", self.startedAtMs())
        .field("uptimeMs", Math.max(0, now - self.startedAtMs()))
        .field("ready", status.ready().getAsBoolean())
        .field("controller", status.controller().getAsBoolean())
        .field("objectStore", status.objectStore())
        .field("metadataStore", status.metadataStore())
        .field("ownedPartitions", status.ownedPartitions().getAsInt())
        .endObject()
        .toString();
  }

  private String health() {
    HealthReport report = health.get();
    JsonWriter json = new JsonWriter().beginObject();
    probe(json.name("objectStore"), report.objectStore());
    probe(json.name("metadataStore"), report.metadataStore());
    return json.endObject().toString();
  }

  private static void probe(JsonWriter json, ProbeResult p) {
    json.beginObject().field("ok", p.ok()).name("latencyMs");
    if (p.latencyMs() < 0) {
      json.nullValue();
    } else {
      json.value(p.latencyMs());
    }
    json.field("message", p.message()).name("checkedAtMs");
    if (p.checkedAtMs() < 0) {
      json.nullValue();
    } else {
      json.value(p.checkedAtMs());
    }
    json.endObject();
  }

  private String cache() {
    SegmentCache.Stats stats = cache.stats();
    return new JsonWriter()
        .beginObject()
        .field("hits", stats.hits())
        .field("misses", stats.misses())
        .field("hitRatio", StorageMeters.hitRatio(stats))
        .field("bytes", stats.bytes())
        .field("capacityBytes", cache.maxBytes())
        .field("entries", stats.entries())
        .field("evictions", stats.evictions())
        .endObject()
        .toString();
  }
}
