/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

/**
 * One requested config change: Kafka's AlterConfigOp (SET, DELETE, APPEND, SUBTRACT with their wire
 * ids). {@code value} may be null (DELETE ignores it). Immutable.
 */
public record ConfigOp(String name, Type type, String value) {

  /** The operation, with IncrementalAlterConfigs' config_operation id. */
  public enum Type {
    SET,
    DELETE,
    APPEND,
    SUBTRACT;

    /** The type of wire id {@code id}, or null when there is none. */
    public static Type ofId(byte id) {
      return id >= 0 && id < values().length ? values()[id] : null;
    }
  }

  public static ConfigOp set(String name, String value) {
    return new ConfigOp(name, Type.SET, value);
  }
}
