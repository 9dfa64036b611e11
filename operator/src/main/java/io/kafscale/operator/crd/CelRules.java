/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Java twins of the CEL rules of the KafscaleCluster CRD's security section, keyed by their exact
 * rule text, so that {@link CrdSchemaValidator} checks the valid/invalid fixtures the way the API
 * server would. A rule text the CRD changes without changing it here fails validation loudly
 * (unknown rule), which keeps the two from drifting silently. Stateless and thread-safe.
 */
final class CelRules {
  static final String UNIQUE_NAMES = "self.all(l, self.exists_one(m, m.name == l.name))";
  static final String UNIQUE_PORTS = "self.all(l, self.exists_one(m, m.port == l.port))";
  static final String TLS_FOR_SSL =
      "!has(self.listeners) || !self.listeners.exists(l, l.protocol == 'SSL' || l.protocol =="
          + " 'SASL_SSL') || has(self.tls)";
  static final String PLAINTEXT_INTER_BROKER =
      "has(self.listeners) ? self.listeners.exists(l, l.protocol == 'PLAINTEXT' &&"
          + " (!has(self.interBrokerListener) || l.name == self.interBrokerListener)) :"
          + " !has(self.interBrokerListener)";
  static final String PLAIN_NEEDS_USERS =
      "!has(self.mechanisms) || !('PLAIN' in self.mechanisms) || has(self.plainUsersSecretRef)";
  static final String NO_BROKER_PORT_WITH_LISTENERS =
      "!has(self.security) || !has(self.security.listeners) || !has(self.brokers) ||"
          + " !has(self.brokers.port)";
  static final String NO_EXTERNAL_WITH_LISTENERS =
      "!has(self.security) || !has(self.security.listeners) || !has(self.brokers) ||"
          + " !has(self.brokers.external) || !has(self.brokers.external.enabled) ||"
          + " !self.brokers.external.enabled";
  static final String CONSOLE_SASL_NEEDS_CREDENTIALS =
      "!has(self.securityProtocol) || self.securityProtocol == 'PLAINTEXT' ||"
          + " has(self.credentialsSecretRef)";
  static final String CONSOLE_LISTENER_PROTOCOL =
      "!has(self.console) || !has(self.console.kafka) || (!has(self.console.kafka.listener) ?"
          + " (!has(self.console.kafka.securityProtocol) || self.console.kafka.securityProtocol =="
          + " 'PLAINTEXT') : (has(self.security) && has(self.security.listeners) &&"
          + " self.security.listeners.exists(l, l.name == self.console.kafka.listener &&"
          + " l.protocol == (has(self.console.kafka.securityProtocol) ?"
          + " self.console.kafka.securityProtocol : 'PLAINTEXT'))))";

  private static final Map<String, Predicate<Object>> RULES =
      Map.of(
          UNIQUE_NAMES, v -> unique(v, "name"),
          UNIQUE_PORTS, v -> unique(v, "port"),
          TLS_FOR_SSL, CelRules::tlsForSsl,
          PLAINTEXT_INTER_BROKER, CelRules::plaintextInterBroker,
          PLAIN_NEEDS_USERS, CelRules::plainNeedsUsers,
          NO_BROKER_PORT_WITH_LISTENERS, v -> !listeners(v) || !has(map(v).get("brokers"), "port"),
          NO_EXTERNAL_WITH_LISTENERS, v -> !listeners(v) || !externalEnabled(v),
          CONSOLE_SASL_NEEDS_CREDENTIALS,
              v -> "PLAINTEXT".equals(protocol(map(v))) || has(v, "credentialsSecretRef"),
          CONSOLE_LISTENER_PROTOCOL, CelRules::consoleListenerProtocol);

  private CelRules() {}

  /** The rule's Java twin, or null when the rule is not one of these. */
  static Predicate<Object> of(String rule) {
    return RULES.get(rule);
  }

  private static boolean unique(Object v, String field) {
    List<?> items = (List<?>) v;
    return items.stream().map(i -> map(i).get(field)).distinct().count() == items.size();
  }

  private static boolean tlsForSsl(Object v) {
    Map<String, Object> s = map(v);
    return !s.containsKey("listeners")
        || items(s).stream().noneMatch(l -> List.of("SSL", "SASL_SSL").contains(l.get("protocol")))
        || s.containsKey("tls");
  }

  private static boolean plaintextInterBroker(Object v) {
    Map<String, Object> s = map(v);
    Object inter = s.get("interBrokerListener");
    if (!s.containsKey("listeners")) {
      return inter == null;
    }
    return items(s).stream()
        .anyMatch(
            l ->
                "PLAINTEXT".equals(l.get("protocol"))
                    && (inter == null || Objects.equals(inter, l.get("name"))));
  }

  private static boolean plainNeedsUsers(Object v) {
    Map<String, Object> s = map(v);
    return !s.containsKey("mechanisms")
        || !((List<?>) s.get("mechanisms")).contains("PLAIN")
        || s.containsKey("plainUsersSecretRef");
  }

  /** The console's protocol, PLAINTEXT when unset, as the CEL rules default it. */
  private static Object protocol(Map<String, Object> kafka) {
    return kafka.getOrDefault("securityProtocol", "PLAINTEXT");
  }

  private static boolean consoleListenerProtocol(Object spec) {
    Object console = map(spec).get("console");
    if (!has(console, "kafka")) {
      return true;
    }
    Map<String, Object> kafka = map(map(console).get("kafka"));
    Object listener = kafka.get("listener");
    if (listener == null) {
      return "PLAINTEXT".equals(protocol(kafka));
    }
    return listeners(spec)
        && items(map(map(spec).get("security"))).stream()
            .anyMatch(
                l ->
                    Objects.equals(listener, l.get("name"))
                        && Objects.equals(protocol(kafka), l.get("protocol")));
  }

  private static boolean listeners(Object spec) {
    return has(map(spec).get("security"), "listeners");
  }

  private static boolean externalEnabled(Object spec) {
    Object brokers = map(spec).get("brokers");
    Object external = brokers instanceof Map<?, ?> b ? b.get("external") : null;
    return external instanceof Map<?, ?> e && Boolean.TRUE.equals(e.get("enabled"));
  }

  private static boolean has(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.containsKey(field);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> s) {
    return (List<Map<String, Object>>) s.get("listeners");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
