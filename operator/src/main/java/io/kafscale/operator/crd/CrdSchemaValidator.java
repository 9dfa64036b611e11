/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a custom resource (as parsed YAML/JSON maps) against the OpenAPI v3 schema of a CRD
 * version, for the subset of structural-schema keywords the Kafscale CRDs use: {@code type}, {@code
 * properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code minimum},
 * {@code maximum}, {@code minLength}, {@code minItems}, {@code enum}, {@code pattern}, {@code
 * anyOf}, {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields} and
 * {@code x-kubernetes-validations} with these CEL rules: {@code self == oldSelf} (checked by {@link
 * #validateUpdate}; like the API server, only when the field exists before and after), the
 * conditional requirement {@code !has(self.a) || !self.a || has(self.b)} (field b is required while
 * the boolean a is true) and the security rules {@link CelRules} mirrors in Java. A field the
 * schema does not declare is reported (the API server would silently prune it, which is how typos
 * go unnoticed). An unsupported keyword fails loudly rather than passing silently. Stateless and
 * thread-safe.
 */
public final class CrdSchemaValidator {
  private static final List<String> KNOWN =
      List.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "minimum",
          "maximum",
          "minLength",
          "minItems",
          "maxItems",
          "maxLength",
          "enum",
          "pattern",
          "anyOf",
          "description",
          "x-kubernetes-int-or-string",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-validations");

  /** A transition rule making a field immutable. */
  static final String IMMUTABLE_RULE = "self == oldSelf";

  /** "b is required while the boolean a is true", e.g. the console's credentials when enabled. */
  static final Pattern REQUIRED_WHEN_RULE =
      Pattern.compile("^!has\\(self\\.(\\w+)\\) \\|\\| !self\\.\\1 \\|\\| has\\(self\\.(\\w+)\\)$");

  private CrdSchemaValidator() {}

  /** The openAPIV3Schema of the CRD's first (only) version. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> schemaOf(Map<String, Object> crd) {
    Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
    List<Map<String, Object>> versions = (List<Map<String, Object>>) spec.get("versions");
    Map<String, Object> schema = (Map<String, Object>) versions.get(0).get("schema");
    return (Map<String, Object>) schema.get("openAPIV3Schema");
  }

  /** All problems of {@code value} against {@code schema}, each prefixed by its JSON path. */
  public static List<String> validate(Map<String, Object> schema, Object value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "", errors);
    return errors;
  }

  /**
   * As {@link #validate} for {@code updated}, plus the transition rules against {@code old}: a
   * field whose schema says {@code self == oldSelf} must keep its value.
   */
  public static List<String> validateUpdate(
      Map<String, Object> schema, Object old, Object updated) {
    List<String> errors = validate(schema, updated);
    transitions(schema, old, updated, "", errors);
    return errors;
  }

  @SuppressWarnings("unchecked")
  private static void transitions(
      Map<String, Object> s, Object old, Object now, String path, List<String> errors) {
    if (old == null || now == null) {
      return;
    }
    for (Map<String, Object> rule :
        (List<Map<String, Object>>) s.getOrDefault("x-kubernetes-validations", List.of())) {
      if (!IMMUTABLE_RULE.equals(rule.get("rule"))) {
        continue; // checked on every value by check()
      }
      if (!old.equals(now)) {
        errors.add(at(path) + rule.getOrDefault("message", "is immutable"));
      }
    }
    Map<String, Object> props = (Map<String, Object>) s.get("properties");
    if (props != null && old instanceof Map<?, ?> o && now instanceof Map<?, ?> n) {
      props.forEach(
          (k, child) ->
              transitions((Map<String, Object>) child, o.get(k), n.get(k), path + "." + k, errors));
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> s, Object v, String path, List<String> errors) {
    for (String key : s.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unsupported schema keyword " + key + " at " + path);
      }
    }
    if (v == null) {
      errors.add(at(path) + "must not be null");
      return;
    }
    rules(
        (List<Map<String, Object>>) s.getOrDefault("x-kubernetes-validations", List.of()),
        v,
        path,
        errors);
    if (Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))
        && !(v instanceof Number || v instanceof String)) {
      errors.add(at(path) + "must be an integer or a string");
      return;
    }
    if (s.containsKey("anyOf")) {
      List<Map<String, Object>> options = (List<Map<String, Object>>) s.get("anyOf");
      boolean any = options.stream().anyMatch(o -> validate(o, v).isEmpty());
      if (!any) {
        errors.add(at(path) + "matches none of the allowed forms");
      }
    }
    String type = (String) s.get("type");
    if (type != null && !typeMatches(type, v)) {
      errors.add(at(path) + "must be of type " + type);
      return;
    }
    if (s.containsKey("enum") && !((List<Object>) s.get("enum")).contains(v)) {
      errors.add(at(path) + "must be one of " + s.get("enum") + " (was " + v + ")");
    }
    if (v instanceof Number n) {
      bounds(s, n, path, errors);
    }
    if (v instanceof String str) {
      strings(s, str, path, errors);
    }
    if (v instanceof List<?> list) {
      if (s.containsKey("minItems") && list.size() < ((Number) s.get("minItems")).intValue()) {
        errors.add(at(path) + "must have at least " + s.get("minItems") + " items");
      }
      if (s.containsKey("maxItems") && list.size() > ((Number) s.get("maxItems")).intValue()) {
        errors.add(at(path) + "must have at most " + s.get("maxItems") + " items");
      }
      Map<String, Object> items = (Map<String, Object>) s.get("items");
      for (int i = 0; items != null && i < list.size(); i++) {
        check(items, list.get(i), path + "[" + i + "]", errors);
      }
    }
    if (v instanceof Map<?, ?> map) {
      object(s, (Map<String, Object>) map, path, errors);
    }
  }

  /** The rules that hold for a single value; an unknown rule fails loudly. */
  private static void rules(
      List<Map<String, Object>> rules, Object v, String path, List<String> errors) {
    for (Map<String, Object> rule : rules) {
      Object text = rule.get("rule");
      if (IMMUTABLE_RULE.equals(text)) {
        continue; // a transition rule: only validateUpdate sees the old value
      }
      Predicate<Object> twin = text == null ? null : CelRules.of(text.toString());
      if (twin != null) {
        if (!twin.test(v)) {
          errors.add(at(path) + rule.getOrDefault("message", "violates " + text));
        }
        continue;
      }
      Matcher m = text == null ? null : REQUIRED_WHEN_RULE.matcher(text.toString());
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException("unsupported rule " + text + " at " + path);
      }
      if (v instanceof Map<?, ?> map
          && Boolean.TRUE.equals(map.get(m.group(1)))
          && !map.containsKey(m.group(2))) {
        errors.add(at(path) + rule.getOrDefault("message", m.group(2) + " is required"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void object(
      Map<String, Object> s, Map<String, Object> map, String path, List<String> errors) {
    for (Object req : (List<Object>) s.getOrDefault("required", List.of())) {
      if (!map.containsKey(req)) {
        errors.add(at(path + "." + req) + "is required");
      }
    }
    Map<String, Object> props = (Map<String, Object>) s.get("properties");
    Object additional = s.get("additionalProperties");
    boolean open =
        Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"))
            || (props == null && additional == null);
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String child = path + "." + e.getKey();
      if (props != null && props.containsKey(e.getKey())) {
        check((Map<String, Object>) props.get(e.getKey()), e.getValue(), child, errors);
      } else if (additional instanceof Map<?, ?> a) {
        check((Map<String, Object>) a, e.getValue(), child, errors);
      } else if (!open) {
        errors.add(at(child) + "is not declared in the schema (would be pruned)");
      }
    }
  }

  private static void bounds(Map<String, Object> s, Number n, String path, List<String> errors) {
    if (s.containsKey("minimum") && n.doubleValue() < ((Number) s.get("minimum")).doubleValue()) {
      errors.add(at(path) + "must be >= " + s.get("minimum") + " (was " + n + ")");
    }
    if (s.containsKey("maximum") && n.doubleValue() > ((Number) s.get("maximum")).doubleValue()) {
      errors.add(at(path) + "must be <= " + s.get("maximum") + " (was " + n + ")");
    }
  }

  private static void strings(Map<String, Object> s, String str, String path, List<String> errors) {
    if (s.containsKey("minLength") && str.length() < ((Number) s.get("minLength")).intValue()) {
      errors.add(at(path) + "must have at least " + s.get("minLength") + " characters");
    }
    if (s.containsKey("maxLength") && str.length() > ((Number) s.get("maxLength")).intValue()) {
      errors.add(at(path) + "must have at most " + s.get("maxLength") + " characters");
    }
    // OpenAPI patterns are unanchored ECMA regexes: find(), not matches().
    if (s.containsKey("pattern")
        && !Pattern.compile((String) s.get("pattern")).matcher(str).find()) {
      errors.add(at(path) + "must match " + s.get("pattern") + " (was '" + str + "')");
    }
  }

  private static boolean typeMatches(String type, Object v) {
    return switch (type) {
      case "object" -> v instanceof Map<?, ?>;
      case "array" -> v instanceof List<?>;
      case "string" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "integer" ->
          v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger;
      case "number" -> v instanceof Number;
      default -> throw new IllegalArgumentException("unsupported type " + type);
    };
  }

  private static String at(String path) {
    return (path.isEmpty() ? "." : path) + ": ";
  }
}
