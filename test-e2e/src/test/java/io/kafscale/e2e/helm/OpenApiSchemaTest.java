/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.RepoRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema checker the chart tests rely on, against the operator's CRDs: it accepts a full valid
 * KafscaleCluster and rejects each {@code helm/invalid-*.yaml} fixture with the message its first
 * line ({@code # expect: ...}) names.
 */
class OpenApiSchemaTest {

  @Test
  void shouldAcceptAClusterUsingMostOfTheSchema() throws Exception {
    // Given
    Map<String, Object> cluster =
        Manifests.read(resource("valid-cluster-full.yaml")).objects().get(0);
    // When
    List<String> problems = schemaFor(cluster).validate(cluster);
    // Then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void shouldRejectInvalidFixtureWithItsExpectedMessage(String fixture) throws Exception {
    // Given
    Path file = resource(fixture);
    String expected = Files.readAllLines(file).get(0).replaceFirst("^# expect: ", "");
    Map<String, Object> object = Manifests.read(file).objects().get(0);
    // When
    List<String> problems = schemaFor(object).validate(object);
    // Then
    assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
  }

  static Stream<String> invalidFixtures() throws Exception {
    try (Stream<Path> files = Files.list(resource("values-full.yaml").getParent())) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("invalid-"))
              .sorted()
              .toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(5);
      return names.stream();
    }
  }

  /** The CRD schema (from the operator's single source) of the object's kind. */
  static OpenApiSchema schemaFor(Map<String, Object> object) throws IOException {
    Path crds = RepoRoot.find().resolve("operator/src/main/resources/crds");
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.toList()) {
        Map<String, Object> crd = Manifests.read(file).objects().get(0);
        if (object.get("kind").equals(Manifests.string(crd, "spec.names.kind"))) {
          return OpenApiSchema.ofCrd(crd);
        }
      }
    }
    throw new AssertionError("no CRD for kind " + object.get("kind") + " in " + crds);
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(OpenApiSchemaTest.class.getResource("/helm/" + name).toURI());
  }
}
