/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static io.kafscale.console.service.KafkaErrors.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.console.http.ApiException;
import io.kafscale.console.metrics.CostEstimate;
import io.kafscale.console.metrics.History;
import io.kafscale.console.metrics.MetricsSampler;
import io.kafscale.console.metrics.RatePoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * The overview page: cluster identity, brokers, counts, the health and latency of Kafka, the
 * metadata store and the object store (as the brokers report it), and the sampler's latest rates
 * with the S3 request cost estimate. Answers even when sources are down: their health says so and
 * their fields are null. Thread-safe.
 */
public final class OverviewService {
  /** One source's health. */
  public record Health(boolean ok, Long latencyMs, String message) {}

  /** Latest cluster rates; a null rate is unknown (some broker lacks that counter). */
  public record Rates(
      Double produceBytesPerSec,
      Double fetchBytesPerSec,
      Double produceRecordsPerSec,
      Double s3PutPerSec,
      Double s3GetPerSec,
      Double s3ListPerSec,
      Double estimatedS3CostPerHourUsd,
      BigDecimal putPricePer1000Usd,
      BigDecimal getPricePer1000Usd) {}

  /** The overview document. */
  public record Overview(
      String clusterId,
      Integer controllerId,
      List<BrokerService.BrokerView> brokers,
      Integer topics,
      Integer partitions,
      Integer groups,
      Map<String, Health> health,
      Rates rates) {}

  /** The metrics history document. */
  public record MetricsHistory(
      long intervalMs, List<Long> timestamps, Map<String, List<Double>> series) {}

  private final KafkaClients kafka;
  private final BrokerService brokers;
  private final MetadataReader metadata;
  private final MetricsSampler sampler;
  private final BigDecimal putPrice;
  private final BigDecimal getPrice;
  private final long intervalMs;

  public OverviewService(
      KafkaClients kafka,
      BrokerService brokers,
      MetadataReader metadata,
      MetricsSampler sampler,
      BigDecimal putPrice,
      BigDecimal getPrice,
      long intervalMs) {
    this.kafka = kafka;
    this.brokers = brokers;
    this.metadata = metadata;
    this.sampler = sampler;
    this.putPrice = putPrice;
    this.getPrice = getPrice;
    this.intervalMs = intervalMs;
  }

  public Overview overview() {
    Map<String, Health> health = new LinkedHashMap<>();
    long start = System.nanoTime();
    BrokerService.ClusterInfo cluster = null;
    Health kafkaHealth;
    try {
      cluster = brokers.cluster();
      kafkaHealth = new Health(true, elapsed(start), null);
    } catch (ApiException e) {
      kafkaHealth = new Health(false, null, e.getMessage());
    }
    health.put("kafka", kafkaHealth);
    health.put("metadataStore", metadataHealth());
    List<BrokerService.BrokerView> views =
        cluster == null ? List.of() : brokers.list(cluster, false);
    health.put("objectStore", objectStoreHealth(views));
    Integer topics = null;
    Integer partitions = null;
    Integer groups = null;
    if (cluster != null) {
      try {
        var names =
            await(
                kafka.admin().listTopics(new ListTopicsOptions().listInternal(true)).names(),
                kafka.timeoutMs(),
                "list topics");
        topics = names.size();
        partitions =
            names.isEmpty()
                ? 0
                : await(
                        kafka.admin().describeTopics(names).allTopicNames(),
                        kafka.timeoutMs(),
                        "describe topics")
                    .values()
                    .stream()
                    .mapToInt(d -> d.partitions().size())
                    .sum();
        groups = await(kafka.admin().listGroups().all(), kafka.timeoutMs(), "list groups").size();
      } catch (ApiException e) {
        // Counts stay null: the health above already tells why when Kafka is down.
      }
    }
    return new Overview(
        cluster == null ? null : cluster.clusterId(),
        cluster == null ? null : cluster.controllerId(),
        views,
        topics,
        partitions,
        groups,
        health,
        rates(sampler.latest()));
  }

  public MetricsHistory history() {
    List<History.Point<RatePoint>> points = sampler.history();
    List<Long> timestamps = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String name :
        List.of(
            "produceBytesPerSec",
            "fetchBytesPerSec",
            "produceRecordsPerSec",
            "s3PutPerSec",
            "s3GetPerSec",
            "s3ListPerSec")) {
      series.put(name, new ArrayList<>());
    }
    for (History.Point<RatePoint> p : points) {
      timestamps.add(p.atMs());
      RatePoint r = p.value();
      series.get("produceBytesPerSec").add(r == null ? null : r.produceBytesPerSec());
      series.get("fetchBytesPerSec").add(r == null ? null : r.fetchBytesPerSec());
      series.get("produceRecordsPerSec").add(r == null ? null : r.produceRecordsPerSec());
      series.get("s3PutPerSec").add(r == null ? null : r.s3PutPerSec());
      series.get("s3GetPerSec").add(r == null ? null : r.s3GetPerSec());
      series.get("s3ListPerSec").add(r == null ? null : r.s3ListPerSec());
    }
    return new MetricsHistory(intervalMs, timestamps, series);
  }

  /** The newest history sample as the SSE {@code metrics} event sends it. */
  public Map<String, Object> latestSample() {
    List<History.Point<RatePoint>> points = sampler.history();
    Map<String, Object> out = new LinkedHashMap<>();
    History.Point<RatePoint> p = points.isEmpty() ? null : points.get(points.size() - 1);
    out.put("timestamp", p == null ? null : p.atMs());
    out.put("rates", p == null ? null : rates(Optional.ofNullable(p.value())));
    return out;
  }

  Rates rates(Optional<RatePoint> latest) {
    return latest
        .map(
            r ->
                new Rates(
                    r.produceBytesPerSec(),
                    r.fetchBytesPerSec(),
                    r.produceRecordsPerSec(),
                    r.s3PutPerSec(),
                    r.s3GetPerSec(),
                    r.s3ListPerSec(),
                    CostEstimate.perHourUsd(
                        r.s3PutPerSec(), r.s3GetPerSec(), r.s3ListPerSec(), putPrice, getPrice),
                    putPrice,
                    getPrice))
        .orElse(null);
  }

  private Health metadataHealth() {
    if (!metadata.configured()) {
      return new Health(false, null, "no metadata store configured (set KAFSCALE_ETCD_ENDPOINTS)");
    }
    try {
      return new Health(true, metadata.ping(), null);
    } catch (ApiException e) {
      return new Health(false, null, e.getMessage());
    }
  }

  /** The object store as the first answering broker's {@code /api/v1/health} reports it. */
  private Health objectStoreHealth(List<BrokerService.BrokerView> views) {
    List<String> reachable =
        views.stream()
            .filter(BrokerService.BrokerView::reachable)
            .map(BrokerService.BrokerView::adminAddress)
            .toList();
    if (reachable.isEmpty()) {
      return new Health(false, null, "no broker admin API answered");
    }
    Optional<JsonNode> health = brokers.firstJson(reachable, "/api/v1/health");
    JsonNode store = health.map(h -> h.get("objectStore")).orElse(null);
    if (store == null || !store.isObject()) {
      return new Health(false, null, "no broker reported object-store health (/api/v1/health)");
    }
    boolean ok = store.path("ok").asBoolean(false);
    return new Health(
        ok,
        BrokerService.longOf(store, "latencyMs"),
        store.hasNonNull("message") ? store.get("message").asText() : null);
  }

  private static long elapsed(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
