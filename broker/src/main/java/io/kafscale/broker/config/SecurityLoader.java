/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static io.kafscale.broker.config.ConfigCatalogue.*;

import io.kafscale.broker.security.sasl.PlainUsers;
import io.kafscale.broker.security.sasl.SaslSettings;
import io.kafscale.broker.security.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the TLS, SASL and connection-limit variables for the given listeners, reporting every
 * problem (missing certificate for a TLS listener, SASL listener without users, …) to the reader.
 * Never puts a password into a problem. Stateless.
 */
final class SecurityLoader {
  private SecurityLoader() {}

  static SecurityConfig read(ConfigReader reader, List<ListenerConfig> listeners) {
    ConnectionLimits limits =
        new ConnectionLimits(
            reader.intValue(MAX_CONNECTIONS_PER_IP),
            reader.intValue(MAX_PREAUTH_REQUEST_BYTES),
            Duration.ofMillis(reader.longValue(CONNECTION_IDLE_TIMEOUT_MS)));
    Optional<TlsSettings> tls = tls(reader, listeners);
    SaslSettings sasl = sasl(reader, listeners);
    return new SecurityConfig(tls, sasl, limits);
  }

  private static Optional<TlsSettings> tls(ConfigReader reader, List<ListenerConfig> listeners) {
    Optional<Path> cert = reader.file(SSL_CERT_FILE);
    Optional<Path> key = reader.file(SSL_KEY_FILE);
    Optional<Path> ca = reader.file(SSL_CA_FILE);
    String authText = reader.string(SSL_CLIENT_AUTH).orElse("none").toUpperCase(Locale.ROOT);
    TlsSettings.ClientAuth clientAuth = TlsSettings.ClientAuth.NONE;
    try {
      clientAuth = TlsSettings.ClientAuth.valueOf(authText);
    } catch (IllegalArgumentException e) {
      reader.problem(
          SSL_CLIENT_AUTH.name() + ": '" + authText + "' is not none, requested or required");
    }
    Duration reload = Duration.ofMillis(reader.longValue(SSL_RELOAD_INTERVAL_MS));
    List<String> tlsListeners =
        listeners.stream().filter(ListenerConfig::tls).map(ListenerConfig::name).toList();
    if (tlsListeners.isEmpty()) {
      return Optional.empty();
    }
    for (ConfigVar var : List.of(SSL_CERT_FILE, SSL_KEY_FILE)) {
      if (reader.raw(var.name()).isEmpty()) {
        reader.problem(var.name() + " is required by the TLS listener(s) " + tlsListeners);
      }
    }
    if (clientAuth != TlsSettings.ClientAuth.NONE && reader.raw(SSL_CA_FILE.name()).isEmpty()) {
      // Without a CA file the JDK's trust store decides, which rarely holds client CAs.
      reader.problem(SSL_CLIENT_AUTH.name() + "=" + authText + " needs " + SSL_CA_FILE.name());
    }
    if (cert.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TlsSettings(
            cert.get(), key.get(), reader.raw(SSL_KEY_PASSWORD.name()), ca, clientAuth, reload));
  }

  private static SaslSettings sasl(ConfigReader reader, List<ListenerConfig> listeners) {
    List<String> mechanisms = new ArrayList<>();
    for (String item : reader.string(SASL_ENABLED_MECHANISMS).orElse("").split(",")) {
      String mechanism = item.strip().toUpperCase(Locale.ROOT);
      if (mechanism.isEmpty()) {
        continue;
      }
      if (!SaslSettings.SUPPORTED.contains(mechanism)) {
        reader.problem(
            SASL_ENABLED_MECHANISMS.name()
                + ": '"
                + mechanism
                + "' is not one of "
                + SaslSettings.SUPPORTED);
      } else if (!mechanisms.contains(mechanism)) {
        mechanisms.add(mechanism);
      }
    }
    Map<String, String> users = new LinkedHashMap<>();
    reader.file(SASL_PLAIN_USERS_FILE).ifPresent(file -> users.putAll(usersFile(reader, file)));
    reader
        .raw(SASL_PLAIN_USERS.name())
        .ifPresent(
            text -> {
              try {
                users.putAll(PlainUsers.parse(text.replace(',', '\n')));
              } catch (IllegalArgumentException e) {
                reader.problem(SASL_PLAIN_USERS.name() + ": " + e.getMessage());
              }
            });
    List<String> saslListeners =
        listeners.stream().filter(ListenerConfig::sasl).map(ListenerConfig::name).toList();
    if (!saslListeners.isEmpty()) {
      if (mechanisms.isEmpty()) {
        reader.problem(
            SASL_ENABLED_MECHANISMS.name()
                + " is empty but listener(s) "
                + saslListeners
                + " use SASL");
      } else if (mechanisms.equals(List.of(SaslSettings.PLAIN)) && users.isEmpty()) {
        reader.problem(
            "SASL listener(s) "
                + saslListeners
                + " have no user source: only PLAIN is enabled and neither "
                + SASL_PLAIN_USERS_FILE.name()
                + " nor "
                + SASL_PLAIN_USERS.name()
                + " names a user");
      }
    }
    return new SaslSettings(
        mechanisms,
        users,
        Duration.ofMillis(reader.longValue(SASL_SESSION_LIFETIME_MS)),
        Duration.ofMillis(reader.longValue(AUTH_FAILURE_DELAY_MS)));
  }

  private static Map<String, String> usersFile(ConfigReader reader, Path file) {
    try {
      return PlainUsers.parse(Files.readString(file));
    } catch (IOException e) {
      reader.problem(
          SASL_PLAIN_USERS_FILE.name() + ": cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      reader.problem(SASL_PLAIN_USERS_FILE.name() + " " + file + ": " + e.getMessage());
    }
    return Map.of();
  }
}
