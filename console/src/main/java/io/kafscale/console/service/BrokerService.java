/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static io.kafscale.console.service.KafkaErrors.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.console.http.ApiException;
import io.kafscale.console.http.Json;
import io.kafscale.metadata.model.BrokerRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Brokers as the cluster reports them (DescribeCluster), joined with their registrations in the
 * metadata store (admin port, start time, owned partitions) and what each broker's admin API
 * answers ({@code GET /api/v1/broker}), asked in parallel with a short timeout. A broker whose
 * admin API does not answer is {@code reachable=false} with a message and null admin fields;
 * nothing is invented. Thread-safe.
 */
public final class BrokerService {
  /** Cache statistics from a broker's admin API. */
  public record CacheView(Long hits, Long misses, Double hitRatio, Long bytes) {}

  /**
   * Flush state summed over the partitions a broker owns ({@code GET /api/v1/partitions}): bytes
   * and batches not yet in the object store, and the age of the most recent flush (null when none
   * of its partitions flushed yet).
   */
  public record FlushView(Long pendingBytes, Long pendingBatches, Long lastFlushAgeMs) {}

  /** One broker. {@code configs} only in the detail view. */
  public record BrokerView(
      int id,
      String host,
      int port,
      String rack,
      String adminAddress,
      boolean reachable,
      String message,
      Long startedAtMs,
      Long uptimeMs,
      boolean controller,
      Integer ownedPartitions,
      CacheView cache,
      FlushView flush,
      List<ConfigView> configs) {}

  /** Where to reach one broker. */
  public record Endpoint(
      int id, String host, int port, String rack, String adminAddress, Long startedAtMs) {}

  /** The cluster as DescribeCluster answered. */
  public record ClusterInfo(String clusterId, Integer controllerId, List<Node> nodes) {}

  private final KafkaClients kafka;
  private final MetadataReader metadata;
  private final BrokerAdmin admin;
  private final int defaultAdminPort;
  private final Clock clock;

  public BrokerService(
      KafkaClients kafka,
      MetadataReader metadata,
      BrokerAdmin admin,
      int defaultAdminPort,
      Clock clock) {
    this.kafka = kafka;
    this.metadata = metadata;
    this.admin = admin;
    this.defaultAdminPort = defaultAdminPort;
    this.clock = clock;
  }

  public ClusterInfo cluster() {
    DescribeClusterResult r = kafka.admin().describeCluster();
    long t = kafka.timeoutMs();
    Collection<Node> nodes = await(r.nodes(), t, "describe cluster");
    Node controller = await(r.controller(), t, "describe cluster");
    String id = await(r.clusterId(), t, "describe cluster");
    return new ClusterInfo(
        id,
        controller == null || controller.isEmpty() ? null : controller.id(),
        nodes.stream().sorted(Comparator.comparingInt(Node::id)).toList());
  }

  public List<BrokerView> list() {
    return list(cluster());
  }

  /** Every broker with its flush state (the brokers page and detail). */
  public List<BrokerView> list(ClusterInfo cluster) {
    return list(cluster, true);
  }

  /**
   * Every broker; {@code withFlush} false skips each broker's {@code /api/v1/partitions} (which
   * grows with its partitions) and leaves {@code flush} null: the overview sweep does not show it.
   */
  public List<BrokerView> list(ClusterInfo cluster, boolean withFlush) {
    Map<Integer, BrokerRecord> registrations = registrations();
    Map<Integer, Integer> owned = ownedCounts();
    List<Endpoint> endpoints = endpoints(cluster.nodes(), registrations);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<BrokerView>> futures = new ArrayList<>();
      for (Endpoint e : endpoints) {
        futures.add(pool.submit(() -> view(e, cluster.controllerId(), owned, withFlush)));
      }
      List<BrokerView> out = new ArrayList<>();
      for (Future<BrokerView> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw KafkaErrors.map(e.getCause(), "probe brokers");
    }
  }

  public BrokerView detail(int id) {
    ClusterInfo cluster = cluster();
    BrokerView view =
        list(cluster).stream()
            .filter(b -> b.id() == id)
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("broker " + id + " is not in the cluster"));
    ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id));
    Config config =
        await(
                kafka.admin().describeConfigs(List.of(resource)).all(),
                kafka.timeoutMs(),
                "describe broker configs")
            .get(resource);
    return new BrokerView(
        view.id(),
        view.host(),
        view.port(),
        view.rack(),
        view.adminAddress(),
        view.reachable(),
        view.message(),
        view.startedAtMs(),
        view.uptimeMs(),
        view.controller(),
        view.ownedPartitions(),
        view.cache(),
        view.flush(),
        config == null ? List.of() : ConfigView.all(config));
  }

  /** Admin addresses to scrape: from DescribeCluster when it answers, else the registrations. */
  public List<String> adminAddresses() {
    Map<Integer, BrokerRecord> registrations = registrations();
    try {
      return endpoints(cluster().nodes(), registrations).stream()
          .map(Endpoint::adminAddress)
          .toList();
    } catch (ApiException e) {
      return registrations.values().stream().map(this::adminAddress).toList();
    }
  }

  /** The first answer of a broker's {@code GET path} that parses as JSON, or empty. */
  public Optional<JsonNode> firstJson(List<String> addresses, String path) {
    for (String address : addresses) {
      BrokerAdmin.Reply reply = admin.get(address, path);
      if (reply.ok()) {
        JsonNode node = Json.tree(reply.body());
        if (node != null) {
          return Optional.of(node);
        }
      }
    }
    return Optional.empty();
  }

  List<Endpoint> endpoints(List<Node> nodes, Map<Integer, BrokerRecord> registrations) {
    List<Endpoint> out = new ArrayList<>();
    for (Node n : nodes) {
      BrokerRecord r = registrations.get(n.id());
      String address = r != null ? adminAddress(r) : n.host() + ":" + defaultAdminPort;
      out.add(
          new Endpoint(
              n.id(), n.host(), n.port(), n.rack(), address, r == null ? null : r.startedAtMs()));
    }
    return out;
  }

  private String adminAddress(BrokerRecord r) {
    return r.adminAddress().orElse(r.host() + ":" + defaultAdminPort);
  }

  private BrokerView view(
      Endpoint e, Integer controllerId, Map<Integer, Integer> owned, boolean withFlush) {
    BrokerAdmin.Reply reply = admin.get(e.adminAddress(), "/api/v1/broker");
    boolean controller = controllerId != null && controllerId == e.id();
    Integer ownedPartitions = owned == null ? null : owned.getOrDefault(e.id(), 0);
    if (!reply.answered()) {
      return new BrokerView(
          e.id(),
          e.host(),
          e.port(),
          e.rack(),
          e.adminAddress(),
          false,
          reply.error(),
          e.startedAtMs(),
          uptime(e.startedAtMs()),
          controller,
          ownedPartitions,
          null,
          null,
          null);
    }
    JsonNode json = reply.ok() ? Json.tree(reply.body()) : null;
    String message =
        json == null ? "admin API answered " + reply.status() + " to /api/v1/broker" : null;
    Long started =
        json != null && json.hasNonNull("startedAtMs")
            ? Long.valueOf(json.get("startedAtMs").asLong())
            : e.startedAtMs();
    if (ownedPartitions == null && json != null && json.has("ownedPartitions")) {
      JsonNode o = json.get("ownedPartitions");
      ownedPartitions = o.isArray() ? o.size() : o.isNumber() ? o.asInt() : null;
    }
    return new BrokerView(
        e.id(),
        e.host(),
        e.port(),
        e.rack(),
        e.adminAddress(),
        true,
        message,
        started,
        uptime(started),
        controller,
        ownedPartitions,
        json == null ? null : cache(e.adminAddress()),
        json == null || !withFlush ? null : flush(e.adminAddress()),
        null);
  }

  private Long uptime(Long startedAtMs) {
    return startedAtMs == null ? null : Math.max(0, clock.millis() - startedAtMs);
  }

  private CacheView cache(String adminAddress) {
    JsonNode c = answer(adminAddress, "/api/v1/cache");
    if (c == null || !c.isObject()) {
      return null;
    }
    return new CacheView(
        longOf(c, "hits"),
        longOf(c, "misses"),
        c.hasNonNull("hitRatio") && c.get("hitRatio").isNumber()
            ? c.get("hitRatio").asDouble()
            : null,
        longOf(c, "bytes"));
  }

  private FlushView flush(String adminAddress) {
    JsonNode answer = answer(adminAddress, "/api/v1/partitions");
    JsonNode partitions = answer == null ? null : answer.get("partitions");
    if (partitions == null || !partitions.isArray()) {
      return null;
    }
    long pendingBytes = 0;
    long pendingBatches = 0;
    Long lastFlushAtMs = null;
    for (JsonNode p : partitions) {
      JsonNode f = p.get("flush");
      if (f == null || !f.isObject()) {
        continue;
      }
      pendingBytes += orZero(longOf(f, "pendingBytes"));
      pendingBatches += orZero(longOf(f, "pendingBatches"));
      Long at = longOf(f, "lastFlushAtMs");
      if (at != null && at > 0 && (lastFlushAtMs == null || at > lastFlushAtMs)) {
        lastFlushAtMs = at;
      }
    }
    return new FlushView(
        pendingBytes,
        pendingBatches,
        lastFlushAtMs == null ? null : Math.max(0, clock.millis() - lastFlushAtMs));
  }

  /** The JSON body of a 200 answer, else null (the broker view already says why). */
  private JsonNode answer(String adminAddress, String path) {
    BrokerAdmin.Reply reply = admin.get(adminAddress, path);
    return reply.ok() ? Json.tree(reply.body()) : null;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  static Long longOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isNumber() ? null : v.asLong();
  }

  private Map<Integer, BrokerRecord> registrations() {
    if (!metadata.configured()) {
      return Map.of();
    }
    try {
      Map<Integer, BrokerRecord> out = new HashMap<>();
      metadata.brokers().forEach(b -> out.put(b.brokerId(), b));
      return out;
    } catch (ApiException e) {
      return Map.of();
    }
  }

  private Map<Integer, Integer> ownedCounts() {
    if (!metadata.configured()) {
      return null;
    }
    try {
      return metadata.ownedPartitionCounts();
    } catch (ApiException e) {
      return null;
    }
  }
}
