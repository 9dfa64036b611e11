/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

/**
 * One environment variable of the catalogue: its name, type, default (null when it has none or the
 * default is derived, see {@code defaultText}), inclusive bounds for numbers, whether the value is
 * a secret (never printed), and the description that goes into {@code docs/configuration.md}.
 */
public record ConfigVar(
    String name,
    ConfigType type,
    String defaultValue,
    String defaultText,
    Long min,
    Long max,
    boolean secret,
    String description) {

  static ConfigVar of(String name, ConfigType type, String defaultValue, String description) {
    return new ConfigVar(name, type, defaultValue, defaultValue, null, null, false, description);
  }

  static ConfigVar number(
      String name, ConfigType type, String defaultValue, long min, long max, String description) {
    return new ConfigVar(name, type, defaultValue, defaultValue, min, max, false, description);
  }

  /** A variable whose default is computed from others; {@code defaultText} explains how. */
  static ConfigVar derived(String name, ConfigType type, String defaultText, String description) {
    return new ConfigVar(name, type, null, defaultText, null, null, false, description);
  }

  static ConfigVar secret(String name, String description) {
    return new ConfigVar(name, ConfigType.STRING, null, null, null, null, true, description);
  }

  /** The validation rule as written in the docs and in error messages. */
  public String rule() {
    String base = type.rule();
    if (min != null && max != null && max != Long.MAX_VALUE) {
      return base + " " + min + "–" + max;
    }
    if (min != null) {
      return base + " ≥ " + min;
    }
    return base;
  }
}
