/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.config;

import io.kafscale.operator.model.ClusterDefaults;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's settings, read from its environment ({@code KAFSCALE_OPERATOR_*}, names shared
 * with the Helm chart). Every problem is reported at once.
 *
 * @param namespace the operator's own namespace (where its leader-election Lease lives)
 * @param podName identity in leader election
 * @param watchNamespaces namespaces to reconcile; empty means all
 * @param leaderElection whether to elect a leader through a Lease before reconciling
 * @param leaseName name of that Lease
 * @param httpAddress address of /healthz, /readyz and /metrics
 * @param defaultBrokerImage broker image for clusters whose spec names none
 * @param logLevel root log level
 * @param jsonLogs one JSON object per log line instead of text
 * @param etcdTimeout limit of one etcd request (probe, topic operation)
 * @param tlsDir private directory for etcd TLS material read from Secrets
 */
public record OperatorConfig(
    String namespace,
    String podName,
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    InetSocketAddress httpAddress,
    String defaultBrokerImage,
    String logLevel,
    boolean jsonLogs,
    Duration etcdTimeout,
    Path tlsDir) {

  public static OperatorConfig fromEnv(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String addr = get(env, "KAFSCALE_OPERATOR_HTTP_ADDR", ":8080");
    InetSocketAddress http = null;
    int colon = addr.lastIndexOf(':');
    try {
      String host = addr.substring(0, Math.max(colon, 0));
      int port = Integer.parseInt(addr.substring(colon + 1));
      http = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    } catch (RuntimeException e) {
      problems.add("KAFSCALE_OPERATOR_HTTP_ADDR must be host:port or :port, was '" + addr + "'");
    }
    String level = get(env, "KAFSCALE_LOG_LEVEL", "INFO").toUpperCase(java.util.Locale.ROOT);
    if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
      problems.add(
          "KAFSCALE_LOG_LEVEL must be TRACE, DEBUG, INFO, WARN, ERROR or OFF, was " + level);
    }
    String format = get(env, "KAFSCALE_LOG_FORMAT", "json");
    if (!format.equals("json") && !format.equals("text")) {
      problems.add("KAFSCALE_LOG_FORMAT must be json or text, was " + format);
    }
    String election = get(env, "KAFSCALE_OPERATOR_LEADER_ELECTION", "true");
    if (!election.equals("true") && !election.equals("false")) {
      problems.add("KAFSCALE_OPERATOR_LEADER_ELECTION must be true or false, was " + election);
    }
    long timeoutMs = 3000;
    try {
      timeoutMs = Long.parseLong(get(env, "KAFSCALE_OPERATOR_ETCD_TIMEOUT_MS", "3000"));
      if (timeoutMs < 100) {
        problems.add("KAFSCALE_OPERATOR_ETCD_TIMEOUT_MS must be >= 100");
      }
    } catch (NumberFormatException e) {
      problems.add("KAFSCALE_OPERATOR_ETCD_TIMEOUT_MS must be an integer");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid operator configuration: " + String.join("; ", problems));
    }
    return new OperatorConfig(
        get(env, "KAFSCALE_OPERATOR_NAMESPACE", "default"),
        get(env, "KAFSCALE_OPERATOR_POD_NAME", get(env, "HOSTNAME", "kafscale-operator")),
        Set.copyOf(
            Arrays.stream(get(env, "KAFSCALE_OPERATOR_WATCH_NAMESPACES", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()),
        Boolean.parseBoolean(election),
        get(env, "KAFSCALE_OPERATOR_LEASE_NAME", "kafscale-operator-leader"),
        http,
        get(env, "KAFSCALE_OPERATOR_BROKER_IMAGE", ClusterDefaults.BROKER_IMAGE),
        level,
        format.equals("json"),
        Duration.ofMillis(timeoutMs),
        Path.of(get(env, "KAFSCALE_OPERATOR_TLS_DIR", "/tmp/kafscale-operator/etcd-tls")));
  }

  private static String get(Map<String, String> env, String key, String fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : v.trim();
  }
}
