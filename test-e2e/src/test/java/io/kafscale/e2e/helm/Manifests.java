/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes objects parsed from a multi-document YAML stream (helm template output, CRD files), as
 * plain maps and lists, with small typed accessors for nested fields. Immutable.
 */
public record Manifests(List<Map<String, Object>> objects) {

  /** Every non-empty document of {@code yaml}. */
  public static Manifests parse(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (doc != null) {
        objects.add(asMap(doc, "document"));
      }
    }
    return new Manifests(List.copyOf(objects));
  }

  public static Manifests read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of {@code kind}. */
  public List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  /** The one object of {@code kind} named {@code name}; fails when absent. */
  public Map<String, Object> get(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(string(o, "metadata.name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + kinds()));
  }

  public List<String> kinds() {
    return objects.stream().map(o -> Objects.toString(o.get("kind"))).toList();
  }

  /** The value at a dotted path ({@code spec.template.spec}); null when any step is missing. */
  public static Object at(Map<String, Object> object, String dottedPath) {
    Object current = object;
    for (String step : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  public static String string(Map<String, Object> object, String dottedPath) {
    Object value = at(object, dottedPath);
    return value == null ? null : value.toString();
  }

  public static Map<String, Object> map(Map<String, Object> object, String dottedPath) {
    Object value = at(object, dottedPath);
    return value == null ? Map.of() : asMap(value, dottedPath);
  }

  public static List<Map<String, Object>> list(Map<String, Object> object, String dottedPath) {
    Object value = at(object, dottedPath);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw new AssertionError(dottedPath + " is not a list: " + value);
    }
    return items.stream().map(i -> asMap(i, dottedPath + "[]")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new AssertionError(what + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }
}
