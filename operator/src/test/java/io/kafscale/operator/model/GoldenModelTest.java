/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.KafscaleCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins every object the operator renders: golden/in-X.yaml renders to golden/out-X.yaml. Run with
 * -Dgolden.update=true to rewrite the expected files after an intended change, then review the
 * diff.
 */
class GoldenModelTest {
  @ParameterizedTest
  @ValueSource(strings = {"default", "full", "external-etcd", "security", "console-principal"})
  void shouldRenderExactlyTheGoldenObjectsForEachSpec(String name) throws IOException {
    // Given
    KafscaleCluster cluster = Resources.cluster("golden/in-" + name + ".yaml");

    // When
    String rendered = render(cluster);

    // Then
    String out = "golden/out-" + name + ".yaml";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources").resolve(out), rendered);
    }
    assertThat(rendered).isEqualTo(Resources.text(out));
  }

  static String render(KafscaleCluster cluster) {
    return DesiredResources.build(cluster).stream()
        .map(GoldenModelTest::yaml)
        .collect(Collectors.joining());
  }

  private static String yaml(HasMetadata o) {
    String y = Serialization.asYaml(o);
    return y.startsWith("---") ? y : "---\n" + y;
  }
}
