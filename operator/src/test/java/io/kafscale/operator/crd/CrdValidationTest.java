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
