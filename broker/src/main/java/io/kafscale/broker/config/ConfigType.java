/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

/** The value types a configuration variable can have; each renders its own validation rule. */
public enum ConfigType {
  STRING("text"),
  INT("integer"),
  LONG("integer"),
  BOOLEAN("`true` or `false`"),
  HOST_PORT("`host:port` (port 0-65535; `:port` means all interfaces)"),
  PATH("directory path"),
  FILE("path of an existing file"),
  URI("http(s) URL"),
  LOG_LEVEL("one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");

  private final String rule;

  ConfigType(String rule) {
    this.rule = rule;
  }

  /** Human-readable rule, used in error messages and the generated docs. */
  public String rule() {
    return rule;
  }
}
