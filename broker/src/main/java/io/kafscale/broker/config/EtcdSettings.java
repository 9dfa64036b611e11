/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static io.kafscale.broker.config.ConfigCatalogue.ETCD_CA_FILE;
import static io.kafscale.broker.config.ConfigCatalogue.ETCD_CERT_FILE;
import static io.kafscale.broker.config.ConfigCatalogue.ETCD_ENDPOINTS;
import static io.kafscale.broker.config.ConfigCatalogue.ETCD_KEY_FILE;
import static io.kafscale.broker.config.ConfigCatalogue.ETCD_PASSWORD;
import static io.kafscale.broker.config.ConfigCatalogue.ETCD_USERNAME;

import io.kafscale.metadata.etcd.EtcdConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code KAFSCALE_ETCD_*} variables into an {@link EtcdConfig}, reporting problems with
 * the variable names through the shared {@link ConfigReader} (never the password). Stateless.
 */
final class EtcdSettings {
  private static final List<ConfigVar> ETCD_ONLY =
      List.of(ETCD_USERNAME, ETCD_PASSWORD, ETCD_CA_FILE, ETCD_CERT_FILE, ETCD_KEY_FILE);

  private EtcdSettings() {}

  /** The etcd configuration, or null when {@code KAFSCALE_ETCD_ENDPOINTS} is unset or invalid. */
  static EtcdConfig read(ConfigReader reader) {
    int before = reader.problems().size();
    Optional<String> endpoints = reader.raw(ETCD_ENDPOINTS.name());
    Optional<String> username = reader.raw(ETCD_USERNAME.name());
    Optional<String> password = reader.raw(ETCD_PASSWORD.name());
    Optional<Path> ca = reader.file(ETCD_CA_FILE);
    Optional<Path> cert = reader.file(ETCD_CERT_FILE);
    Optional<Path> key = reader.file(ETCD_KEY_FILE);
    if (endpoints.isEmpty()) {
      // etcd settings without endpoints mean the operator expected etcd: never fall back silently.
      for (ConfigVar var : ETCD_ONLY) {
        if (reader.raw(var.name()).isPresent()) {
          reader.problem(var.name() + " is set but " + ETCD_ENDPOINTS.name() + " is not");
        }
      }
      return null;
    }
    if (username.isPresent() != password.isPresent()) {
      reader.problem(
          ETCD_USERNAME.name() + " and " + ETCD_PASSWORD.name() + " must be set together");
    }
    if (reader.raw(ETCD_CERT_FILE.name()).isPresent()
        != reader.raw(ETCD_KEY_FILE.name()).isPresent()) {
      reader.problem(
          ETCD_CERT_FILE.name() + " and " + ETCD_KEY_FILE.name() + " must be set together");
    }
    List<String> list =
        Arrays.stream(endpoints.get().split(","))
            .map(String::strip)
            .filter(e -> !e.isEmpty())
            .toList();
    try {
      // Checks only the endpoints; the other fields were checked above with variable names.
      EtcdConfig.of(list);
    } catch (IllegalArgumentException e) {
      reader.problem(ETCD_ENDPOINTS.name() + "='" + endpoints.get() + "': " + e.getMessage());
    }
    if (reader.problems().size() != before) {
      return null;
    }
    return new EtcdConfig(
        list, username, password, ca, cert, key, EtcdConfig.DEFAULT_REQUEST_TIMEOUT);
  }
}
