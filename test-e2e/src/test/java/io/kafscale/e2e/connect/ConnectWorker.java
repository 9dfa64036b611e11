/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafscale.storage.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * An in-process Kafka Connect worker in distributed mode, its REST server on a free loopback port,
 * plus a small client for that REST API. Workers started with the same group id and internal topics
 * form one Connect cluster. Not thread-safe: one test thread drives it.
 */
final class ConnectWorker implements AutoCloseable {
  static final String CONFIG_TOPIC = "connect-it-configs";
  static final String OFFSET_TOPIC = "connect-it-offsets";
  static final String STATUS_TOPIC = "connect-it-status";
  static final int OFFSET_PARTITIONS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Connect<DistributedHerder> connect;
  private final URI rest;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ConnectWorker(Connect<DistributedHerder> connect, URI rest) {
    this.connect = connect;
    this.rest = rest;
  }

  /** Starts a worker of group {@code groupId}; it joins the group in the background. */
  static ConnectWorker start(String bootstrap, String groupId) {
    int port = FreePorts.next();
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", groupId);
    // The worker creates these itself (compacted) and checks their cleanup.policy.
    props.put("config.storage.topic", CONFIG_TOPIC);
    props.put("offset.storage.topic", OFFSET_TOPIC);
    props.put("status.storage.topic", STATUS_TOPIC);
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", Integer.toString(OFFSET_PARTITIONS));
    props.put("status.storage.partitions", "2");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "500");
    // A departed worker's tasks are reassigned at once instead of after the default 5 minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("listeners", "http://127.0.0.1:" + port);
    props.put("rest.advertised.host.name", "127.0.0.1");
    props.put("rest.advertised.port", Integer.toString(port));
    // Service manifests only: scanning the whole test classpath reflectively costs seconds.
    props.put("plugin.discovery", "service_load");
    Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(props);
    return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
  }

  /** Stops the herder (tasks commit their offsets) and the REST server. */
  @Override
  public void close() {
    connect.stop();
  }

  /** POST /connectors; returns the HTTP status (201 created, 409 while the group rebalances…). */
  Response createConnector(String name, Map<String, String> config) {
    return send("POST", "/connectors", Map.of("name", name, "config", config));
  }

  /** PUT /connectors/{name}/config. */
  Response putConfig(String name, Map<String, String> config) {
    return send("PUT", "/connectors/" + name + "/config", config);
  }

  /** GET /connectors/{name}/status. */
  Response status(String name) {
    return send("GET", "/connectors/" + name + "/status", null);
  }

  /** GET /connectors/{name}/offsets. */
  Response offsets(String name) {
    return send("GET", "/connectors/" + name + "/offsets", null);
  }

  URI restUri() {
    return rest;
  }

  private Response send(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request =
          HttpRequest.newBuilder(rest.resolve(path))
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .method(method, publisher)
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One REST answer: the status code and the body as text and as JSON. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }
  }
}
