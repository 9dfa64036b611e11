/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values of catalogue variables from a map and collects every problem instead of
 * stopping at the first. A value that fails is replaced by its default (or an empty optional) so
 * reading can go on; {@link #throwIfInvalid()} then reports all problems at once. Secret values
 * never appear in a problem. Not thread-safe: one reader per load.
 */
public final class ConfigReader {
  private static final Set<String> LOG_LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The raw value, trimmed; empty when unset or blank (blank counts as unset, as in KafScale). */
  public Optional<String> raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The value of {@code var} parsed with its type, or its default; empty when neither exists. */
  public Optional<String> string(ConfigVar var) {
    return raw(var.name()).or(() -> Optional.ofNullable(var.defaultValue()));
  }

  public int intValue(ConfigVar var) {
    return (int) optionalLong(var).orElse(0L).longValue();
  }

  public long longValue(ConfigVar var) {
    return optionalLong(var).orElse(0L);
  }

  /** A number within the variable's bounds; empty when unset without default or invalid. */
  public Optional<Long> optionalLong(ConfigVar var) {
    Optional<String> given = raw(var.name());
    if (given.isPresent()) {
      try {
        long value = Long.parseLong(given.get().replace("_", ""));
        if (inBounds(var, value)) {
          return Optional.of(value);
        }
      } catch (NumberFormatException e) {
        // reported below with the same wording as an out-of-range value
      }
      problem(var, given.get());
    }
    return Optional.ofNullable(var.defaultValue()).map(Long::parseLong);
  }

  public boolean bool(ConfigVar var) {
    Optional<String> given = raw(var.name());
    if (given.isPresent()) {
      String v = given.get().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      problem(var, given.get());
    }
    return Boolean.parseBoolean(var.defaultValue());
  }

  public HostPort hostPort(ConfigVar var) {
    Optional<String> given = raw(var.name());
    if (given.isPresent()) {
      try {
        return HostPort.parse(given.get());
      } catch (IllegalArgumentException e) {
        problems.add(var.name() + "='" + given.get() + "' is invalid: " + e.getMessage());
      }
    }
    return HostPort.parse(var.defaultValue());
  }

  public Path path(ConfigVar var) {
    String value = string(var).orElseThrow();
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problem(var, value);
      return Path.of(var.defaultValue());
    }
  }

  /** A path that must name an existing regular file; empty when unset or invalid. */
  public Optional<Path> file(ConfigVar var) {
    Optional<String> given = raw(var.name());
    if (given.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(given.get());
      if (Files.isRegularFile(path)) {
        return Optional.of(path);
      }
      problems.add(var.name() + "='" + given.get() + "' is invalid: no such file");
    } catch (InvalidPathException e) {
      problem(var, given.get());
    }
    return Optional.empty();
  }

  /** An http(s) URI; empty when unset or invalid. */
  public Optional<URI> uri(ConfigVar var) {
    Optional<String> given = raw(var.name());
    if (given.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(given.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    problem(var, given.get());
    return Optional.empty();
  }

  /** An upper-case log level name. */
  public String logLevel(ConfigVar var) {
    String value = string(var).orElseThrow().toUpperCase(Locale.ROOT);
    if (LOG_LEVELS.contains(value)) {
      return value;
    }
    problem(var, raw(var.name()).orElse(value));
    return var.defaultValue();
  }

  /** Records a problem that spans variables (e.g. two that must be set together). */
  public void problem(String message) {
    problems.add(message);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * @throws ConfigException listing every problem found so far
   */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static boolean inBounds(ConfigVar var, long value) {
    return (var.min() == null || value >= var.min()) && (var.max() == null || value <= var.max());
  }

  private void problem(ConfigVar var, String value) {
    String shown = var.secret() ? "<secret>" : "'" + value + "'";
    problems.add(var.name() + "=" + shown + " is invalid: expected " + var.rule());
  }
}
