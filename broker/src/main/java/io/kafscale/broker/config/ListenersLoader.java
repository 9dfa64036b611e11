/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static io.kafscale.broker.config.ConfigCatalogue.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Reads {@code KAFSCALE_LISTENERS}, {@code KAFSCALE_ADVERTISED_LISTENERS}, {@code
 * KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP} and {@code KAFSCALE_INTER_BROKER_LISTENER_NAME} into the
 * network configuration, reporting every problem to the reader. Without {@code KAFSCALE_LISTENERS}
 * the single PLAINTEXT listener of {@code KAFSCALE_BROKER_ADDR} stays. The inter-broker listener
 * must be PLAINTEXT (the inter-broker client neither encrypts nor authenticates). Stateless.
 */
final class ListenersLoader {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private ListenersLoader() {}

  /**
   * The network configuration with the configured listeners and security.
   *
   * @param advertisedHostFor the host advertised for a listener bound to a wildcard address
   */
  static NetworkConfig apply(
      ConfigReader reader, NetworkConfig base, Function<HostPort, String> advertisedHostFor) {
    Optional<String> listenersText = reader.raw(LISTENERS.name());
    if (listenersText.isEmpty()) {
      for (var var : List.of(ADVERTISED_LISTENERS, INTER_BROKER_LISTENER_NAME)) {
        if (reader.raw(var.name()).isPresent()) {
          reader.problem(var.name() + " is set but " + LISTENERS.name() + " is not");
        }
      }
      List<ListenerConfig> single = base.listeners();
      return base.withListeners(
          single, base.interBrokerListener(), SecurityLoader.read(reader, single));
    }
    Map<String, HostPort> binds = endpoints(reader, LISTENERS.name(), listenersText.get());
    Map<String, HostPort> advertised =
        endpoints(
            reader,
            ADVERTISED_LISTENERS.name(),
            reader.raw(ADVERTISED_LISTENERS.name()).orElse(""));
    Map<String, SecurityProtocol> protocols = protocolMap(reader);
    List<ListenerConfig> listeners = new ArrayList<>();
    for (var entry : binds.entrySet()) {
      String name = entry.getKey();
      SecurityProtocol protocol = protocols.get(name);
      if (protocol == null) {
        protocol = protocolNamed(name).orElse(null);
      }
      if (protocol == null) {
        reader.problem(
            "listener "
                + name
                + " has no security protocol: add "
                + name
                + ":<PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL> to "
                + LISTENER_SECURITY_PROTOCOL_MAP.name());
        protocol = SecurityProtocol.PLAINTEXT;
      }
      HostPort bind = entry.getValue();
      HostPort adv = advertised.get(name);
      String host = adv != null ? adv.host() : advertisedHostFor.apply(bind);
      int port = adv != null ? adv.port() : bind.port();
      listeners.add(new ListenerConfig(name, protocol, bind, host, port));
    }
    for (String name : advertised.keySet()) {
      if (!binds.containsKey(name)) {
        reader.problem(
            ADVERTISED_LISTENERS.name() + ": listener " + name + " is not in " + LISTENERS.name());
      } else if (advertised.get(name).isWildcard()) {
        reader.problem(
            ADVERTISED_LISTENERS.name() + ": listener " + name + " advertises a wildcard address");
      }
    }
    for (String name : protocols.keySet()) {
      if (!binds.containsKey(name)) {
        reader.problem(
            LISTENER_SECURITY_PROTOCOL_MAP.name()
                + ": listener "
                + name
                + " is not in "
                + LISTENERS.name());
      }
    }
    if (listeners.isEmpty()) {
      return base;
    }
    String interBroker =
        reader.raw(INTER_BROKER_LISTENER_NAME.name()).orElse(listeners.get(0).name());
    if (!binds.containsKey(interBroker)) {
      reader.problem(
          INTER_BROKER_LISTENER_NAME.name()
              + ": listener "
              + interBroker
              + " is not in "
              + LISTENERS.name());
      interBroker = listeners.get(0).name();
    }
    String interBrokerName = interBroker;
    listeners.stream()
        .filter(l -> l.name().equals(interBrokerName))
        .filter(l -> l.protocol() != SecurityProtocol.PLAINTEXT)
        .findFirst()
        .ifPresent(
            l ->
                // The inter-broker client (transaction markers, produce verification) speaks
                // plaintext without SASL: it could not talk to a TLS or SASL listener.
                reader.problem(
                    INTER_BROKER_LISTENER_NAME.name()
                        + ": the inter-broker listener "
                        + l.name()
                        + " is "
                        + l.protocol()
                        + " but brokers connect to each other in PLAINTEXT only; name a PLAINTEXT"
                        + " listener reachable only inside the cluster"));
    return base.withListeners(listeners, interBroker, SecurityLoader.read(reader, listeners));
  }

  /** {@code NAME://host:port,...} in order; problems reported, bad entries skipped. */
  static Map<String, HostPort> endpoints(ConfigReader reader, String var, String text) {
    Map<String, HostPort> result = new LinkedHashMap<>();
    for (String item : text.split(",")) {
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int sep = entry.indexOf("://");
      if (sep <= 0) {
        reader.problem(var + ": '" + entry + "' is not NAME://host:port");
        continue;
      }
      String name = entry.substring(0, sep).toUpperCase(Locale.ROOT);
      if (!NAME.matcher(name).matches()) {
        reader.problem(var + ": listener name '" + name + "' must be letters, digits and _");
        continue;
      }
      try {
        HostPort address = HostPort.parse(entry.substring(sep + 3));
        if (result.putIfAbsent(name, address) != null) {
          reader.problem(var + ": listener " + name + " appears twice");
        }
      } catch (IllegalArgumentException e) {
        reader.problem(var + ": listener " + name + ": " + e.getMessage());
      }
    }
    return result;
  }

  private static Map<String, SecurityProtocol> protocolMap(ConfigReader reader) {
    Map<String, SecurityProtocol> result = new LinkedHashMap<>();
    String text = reader.raw(LISTENER_SECURITY_PROTOCOL_MAP.name()).orElse("");
    for (String item : text.split(",")) {
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String name = colon < 0 ? entry : entry.substring(0, colon).strip().toUpperCase(Locale.ROOT);
      Optional<SecurityProtocol> protocol =
          colon < 0 ? Optional.empty() : protocolNamed(entry.substring(colon + 1).strip());
      if (protocol.isEmpty()) {
        reader.problem(
            LISTENER_SECURITY_PROTOCOL_MAP.name()
                + ": '"
                + entry
                + "' is not NAME:PROTOCOL with PROTOCOL one of PLAINTEXT, SSL, SASL_PLAINTEXT,"
                + " SASL_SSL");
        continue;
      }
      result.put(name, protocol.get());
    }
    return result;
  }

  private static Optional<SecurityProtocol> protocolNamed(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "PLAINTEXT" -> Optional.of(SecurityProtocol.PLAINTEXT);
      case "SSL" -> Optional.of(SecurityProtocol.SSL);
      case "SASL_PLAINTEXT" -> Optional.of(SecurityProtocol.SASL_PLAINTEXT);
      case "SASL_SSL" -> Optional.of(SecurityProtocol.SASL_SSL);
      default -> Optional.empty();
    };
  }
}
