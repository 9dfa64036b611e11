/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an object against a CRD's structural {@code openAPIV3Schema}, the subset our CRDs use:
 * {@code type}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code enum}, {@code minimum}/{@code maximum}, {@code minLength}, {@code pattern}, {@code
 * minItems}, {@code anyOf} and {@code x-kubernetes-int-or-string}. Unlike the API server, which
 * silently prunes fields a structural schema does not declare, it reports them: a misspelt field in
 * a chart template would otherwise vanish without a trace. An object schema with neither {@code
 * properties} nor {@code additionalProperties} (e.g. {@code metadata}) accepts any fields.
 * Stateless; thread-safe.
 */
public final class OpenApiSchema {
  private final Map<String, Object> root;

  private OpenApiSchema(Map<String, Object> root) {
    this.root = root;
  }

  /** The schema of the first served version of a CustomResourceDefinition object. */
  public static OpenApiSchema ofCrd(Map<String, Object> crd) {
    List<Map<String, Object>> versions = Manifests.list(crd, "spec.versions");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("CRD without versions: " + crd.get("metadata"));
    }
    return new OpenApiSchema(Manifests.map(versions.get(0), "schema.openAPIV3Schema"));
  }

  public static OpenApiSchema of(Map<String, Object> schema) {
    return new OpenApiSchema(schema);
  }

  /** Every violation, each as {@code path: problem}; empty when the object is valid. */
  public List<String> validate(Object instance) {
    List<String> problems = new ArrayList<>();
    check(root, instance, "", problems);
    return problems;
  }

  private void check(Map<String, Object> schema, Object value, String path, List<String> out) {
    String where = path.isEmpty() ? "<root>" : path;
    if (value == null) {
      out.add(where + ": null is not allowed (no nullable schema)");
      return;
    }
    if (schema.containsKey("anyOf")) {
      checkAnyOf(schema, value, where, path, out);
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(isInteger(value) || value instanceof String)) {
        out.add(where + ": expected integer or string, got " + describe(value));
      }
      return;
    }
    Object type = schema.get("type");
    if (type == null) {
      return;
    }
    if (!hasType(value, type.toString())) {
      out.add(where + ": expected " + type + ", got " + describe(value));
      return;
    }
    checkEnum(schema, value, where, out);
    switch (type.toString()) {
      case "object" -> checkObject(schema, Manifests.asMap(value, where), path, out);
      case "array" -> checkArray(schema, (List<?>) value, path, where, out);
      case "string" -> checkString(schema, (String) value, where, out);
      case "integer", "number" -> checkNumber(schema, (Number) value, where, out);
      default -> {}
    }
  }

  private void checkAnyOf(
      Map<String, Object> schema, Object value, String where, String path, List<String> out) {
    List<String> firstFailure = null;
    for (Map<String, Object> option : Manifests.list(schema, "anyOf")) {
      List<String> attempt = new ArrayList<>();
      check(option, value, path, attempt);
      if (attempt.isEmpty()) {
        return;
      }
      firstFailure = firstFailure == null ? attempt : firstFailure;
    }
    out.add(where + ": matches no anyOf option (" + firstFailure + ")");
  }

  private void checkObject(
      Map<String, Object> schema, Map<String, Object> value, String path, List<String> out) {
    Map<String, Object> properties = Manifests.map(schema, "properties");
    Object additional = schema.get("additionalProperties");
    for (Object required : listOf(schema.get("required"))) {
      if (!value.containsKey(required.toString())) {
        out.add(child(path, required.toString()) + ": required field missing");
      }
    }
    boolean openObject = properties.isEmpty() && additional == null;
    for (Map.Entry<String, Object> field : value.entrySet()) {
      String fieldPath = child(path, field.getKey());
      if (properties.containsKey(field.getKey())) {
        check(
            Manifests.asMap(properties.get(field.getKey()), fieldPath),
            field.getValue(),
            fieldPath,
            out);
      } else if (additional instanceof Map<?, ?>) {
        check(Manifests.asMap(additional, fieldPath), field.getValue(), fieldPath, out);
      } else if (!openObject && !Boolean.TRUE.equals(additional)) {
        out.add(fieldPath + ": unknown field (the API server would prune it)");
      }
    }
  }

  private void checkArray(
      Map<String, Object> schema, List<?> value, String path, String where, List<String> out) {
    Object minItems = schema.get("minItems");
    if (minItems instanceof Number min && value.size() < min.longValue()) {
      out.add(where + ": " + value.size() + " items, fewer than minItems " + min);
    }
    Object items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        String itemPath = path + "[" + i + "]";
        check(Manifests.asMap(items, itemPath), value.get(i), itemPath, out);
      }
    }
  }

  private static void checkString(
      Map<String, Object> schema, String value, String where, List<String> out) {
    Object minLength = schema.get("minLength");
    if (minLength instanceof Number min && value.length() < min.longValue()) {
      out.add(where + ": shorter than minLength " + min);
    }
    Object pattern = schema.get("pattern");
    if (pattern != null && !Pattern.compile(pattern.toString()).matcher(value).find()) {
      out.add(where + ": '" + value + "' does not match pattern " + pattern);
    }
  }

  private static void checkNumber(
      Map<String, Object> schema, Number value, String where, List<String> out) {
    double v = value.doubleValue();
    if (schema.get("minimum") instanceof Number min && v < min.doubleValue()) {
      out.add(where + ": " + value + " is below minimum " + min);
    }
    if (schema.get("maximum") instanceof Number max && v > max.doubleValue()) {
      out.add(where + ": " + value + " is above maximum " + max);
    }
  }

  private static void checkEnum(
      Map<String, Object> schema, Object value, String where, List<String> out) {
    Object allowed = schema.get("enum");
    if (allowed instanceof List<?> values
        && values.stream().noneMatch(a -> a.toString().equals(value.toString()))) {
      out.add(where + ": '" + value + "' is not one of " + values);
    }
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "object" -> value instanceof Map<?, ?>;
      case "array" -> value instanceof List<?>;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "integer" -> isInteger(value);
      case "number" -> value instanceof Number;
      default -> throw new IllegalArgumentException("unsupported schema type " + type);
    };
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  private static List<?> listOf(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " '" + value + "'";
  }
}
