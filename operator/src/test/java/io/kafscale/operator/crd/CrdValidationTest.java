/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.operator.Resources;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every crs/valid-*.yaml passes its CRD's schema; every crs/invalid-*.yaml fails as it expects. */
class CrdValidationTest {
  static Stream<String> valid() throws Exception {
    return fixtures("valid-");
  }

  static Stream<String> invalid() throws Exception {
    return fixtures("invalid-");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void shouldAcceptValidResource(String file) {
    // Given
    Map<String, Object> resource = Resources.yaml("crs/" + file);

    // When
    List<String> errors = CrdSchemaValidator.validate(schemaFor(resource), resource);

    // Then
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void shouldRejectInvalidResourceWithItsExpectedError(String file) {
    // Given
    String text = Resources.text("crs/" + file);
    String expected = text.lines().findFirst().orElseThrow().replace("# expect: ", "");
    Map<String, Object> resource = Resources.yaml("crs/" + file);

    // When
    List<String> errors = CrdSchemaValidator.validate(schemaFor(resource), resource);

    // Then
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(expected));
  }

  @org.junit.jupiter.api.Test
  @SuppressWarnings("unchecked")
  void shouldRejectChangingManagedEtcdReplicasOrStorageButAcceptOtherChanges() {
    // Given
    Map<String, Object> old = Resources.yaml("crs/valid-full.yaml");
    Map<String, Object> resized = Resources.yaml("crs/valid-full.yaml");
    Map<String, Object> managed =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) resized.get("spec")).get("etcd"))
                .get("managed");
    managed.put("replicas", 5);
    managed.put("storageSize", "40Gi");
    Map<String, Object> rescaled = Resources.yaml("crs/valid-full.yaml");
    ((Map<String, Object>) ((Map<String, Object>) rescaled.get("spec")).get("brokers"))
        .put("replicas", 9);

    // When
    List<String> refused = CrdSchemaValidator.validateUpdate(schemaFor(old), old, resized);
    List<String> accepted = CrdSchemaValidator.validateUpdate(schemaFor(old), old, rescaled);

    // Then
    assertThat(refused)
        .containsExactlyInAnyOrder(
            ".spec.etcd.managed.replicas: managed etcd replicas are immutable",
            ".spec.etcd.managed.storageSize: managed etcd storageSize is immutable");
    assertThat(accepted).isEmpty();
  }

  @org.junit.jupiter.api.Test
  @SuppressWarnings("unchecked")
  void shouldRejectRetargetingATopicToAnotherNameOrCluster() {
    // Given
    Map<String, Object> old = Resources.yaml("crs/valid-topic.yaml");
    Map<String, Object> moved = Resources.yaml("crs/valid-topic.yaml");
    Map<String, Object> spec = (Map<String, Object>) moved.get("spec");
    spec.put("topicName", "orders_v3");
    spec.put("clusterRef", "other");
    Map<String, Object> grown = Resources.yaml("crs/valid-topic.yaml");
    ((Map<String, Object>) grown.get("spec")).put("partitions", 24);
    ((Map<String, Object>) grown.get("spec")).put("adopt", true);

    // When
    List<String> refused = CrdSchemaValidator.validateUpdate(schemaFor(old), old, moved);
    List<String> accepted = CrdSchemaValidator.validateUpdate(schemaFor(old), old, grown);

    // Then
    assertThat(refused)
        .containsExactlyInAnyOrder(
            ".spec.clusterRef: clusterRef is immutable", ".spec.topicName: topicName is immutable");
    assertThat(accepted).isEmpty();
  }

  static Map<String, Object> schemaFor(Map<String, Object> resource) {
    String crd =
        "KafscaleTopic".equals(resource.get("kind"))
            ? "crds/kafscaletopics.kafscale.io-v1.yml"
            : "crds/kafscaleclusters.kafscale.io-v1.yml";
    return CrdSchemaValidator.schemaOf(Resources.yaml(crd));
  }

  private static Stream<String> fixtures(String prefix) throws IOException, URISyntaxException {
    Path dir = Path.of(CrdValidationTest.class.getResource("/crs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .sorted()
          .toList()
          .stream();
    }
  }
}
