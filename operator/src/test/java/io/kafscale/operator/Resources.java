/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafscale.operator.crd.KafscaleCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test helpers reading classpath fixtures. */
public final class Resources {
  private Resources() {}

  public static String text(String path) {
    try (InputStream in = Resources.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> yaml(String path) {
    return Serialization.yamlMapper().readValue(text(path), Map.class);
  }

  public static KafscaleCluster cluster(String path) {
    return Serialization.unmarshal(text(path), KafscaleCluster.class);
  }
}
