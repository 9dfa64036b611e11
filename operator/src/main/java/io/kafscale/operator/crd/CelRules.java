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

  private static final Map<String, Predicate<Object>> RULES =
      Map.of(
          UNIQUE_NAMES, v -> unique(v, "name"),
          UNIQUE_PORTS, v -> unique(v, "port"),
          TLS_FOR_SSL, CelRules::tlsForSsl,
          PLAINTEXT_INTER_BROKER, CelRules::plaintextInterBroker,
          PLAIN_NEEDS_USERS, CelRules::plainNeedsUsers,
          NO_BROKER_PORT_WITH_LISTENERS, v -> !listeners(v) || !has(map(v).get("brokers"), "port"),
          NO_EXTERNAL_WITH_LISTENERS, v -> !listeners(v) || !externalEnabled(v));

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
