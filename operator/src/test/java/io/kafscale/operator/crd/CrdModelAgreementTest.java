/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.operator.Resources;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java model follows the CRD YAML: at every level the spec/status classes declare exactly the
 * properties of the schema, with matching JSON types (walked by reflection, recursively).
 */
class CrdModelAgreementTest {
  @ParameterizedTest
  @CsvSource({
    "crds/kafscaleclusters.kafscale.io-v1.yml, io.kafscale.operator.crd.KafscaleClusterSpec, spec",
    "crds/kafscaleclusters.kafscale.io-v1.yml, io.kafscale.operator.crd.KafscaleClusterStatus, status",
    "crds/kafscaletopics.kafscale.io-v1.yml, io.kafscale.operator.crd.KafscaleTopicSpec, spec",
    "crds/kafscaletopics.kafscale.io-v1.yml, io.kafscale.operator.crd.KafscaleTopicStatus, status"
  })
  @SuppressWarnings("unchecked")
  void shouldDeclareTheSamePropertiesAndTypesAsTheCrd(String crd, String type, String root)
      throws Exception {
    // Given
    Map<String, Object> schema = CrdSchemaValidator.schemaOf(Resources.yaml(crd));
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");

    // When
    List<String> mismatches = new ArrayList<>();
    compare((Map<String, Object>) props.get(root), Class.forName(type), root, mismatches);

    // Then
    assertThat(mismatches).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void compare(Map<String, Object> s, Type t, String path, List<String> out) {
    Class<?> raw = raw(t);
    String type = (String) s.get("type");
    if (Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))) {
      expect(raw.getSimpleName().equals("IntOrString"), path, "IntOrString", raw, out);
      return;
    }
    switch (type) {
      case "string" -> expect(raw == String.class, path, type, raw, out);
      case "integer" -> expect(raw == Integer.class || raw == Long.class, path, type, raw, out);
      case "boolean" -> expect(raw == Boolean.class, path, type, raw, out);
      case "array" -> {
        expect(List.class.isAssignableFrom(raw), path, type, raw, out);
        compare((Map<String, Object>) s.get("items"), arg(t, 0), path + "[]", out);
      }
      case "object" -> {
        if (s.containsKey("additionalProperties")) {
          expect(Map.class.isAssignableFrom(raw), path, "map", raw, out);
          compare((Map<String, Object>) s.get("additionalProperties"), arg(t, 1), path + "{}", out);
          return;
        }
        Map<String, Object> props = (Map<String, Object>) s.get("properties");
        TreeSet<String> fields = new TreeSet<>();
        for (Field f : raw.getFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            fields.add(f.getName());
          }
        }
        if (!fields.equals(new TreeSet<>(props.keySet()))) {
          out.add(path + ": java " + fields + " vs crd " + new TreeSet<>(props.keySet()));
          return;
        }
        for (String name : fields) {
          try {
            compare(
                (Map<String, Object>) props.get(name),
                raw.getField(name).getGenericType(),
                path + "." + name,
                out);
          } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
          }
        }
      }
      default -> out.add(path + ": unexpected schema type " + type);
    }
  }

  private static void expect(boolean ok, String path, String type, Class<?> raw, List<String> out) {
    if (!ok) {
      out.add(path + ": crd " + type + " vs java " + raw.getSimpleName());
    }
  }

  private static Class<?> raw(Type t) {
    return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
  }

  private static Type arg(Type t, int i) {
    return ((ParameterizedType) t).getActualTypeArguments()[i];
  }
}
