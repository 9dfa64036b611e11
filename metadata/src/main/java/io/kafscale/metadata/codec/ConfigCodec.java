/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.proto.metadata.v1.BrokerDefaultConfigs;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes the cluster-wide dynamic broker configs (a name to value map) as the {@code
 * BrokerDefaultConfigs} protobuf message. Stateless and thread-safe; decoding fails with {@link
 * CorruptValueException}.
 */
public final class ConfigCodec {
  private ConfigCodec() {}

  public static byte[] encodeBrokerDefaults(Map<String, String> configs) {
    return BrokerDefaultConfigs.newBuilder().putAllConfigs(configs).build().toByteArray();
  }

  /** The stored configs, sorted by name. */
  public static Map<String, String> decodeBrokerDefaults(byte[] bytes) {
    try {
      return new TreeMap<>(BrokerDefaultConfigs.parseFrom(bytes).getConfigsMap());
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException(
          "stored value is not a valid BrokerDefaultConfigs: " + e.getMessage(), e);
    }
  }
}
