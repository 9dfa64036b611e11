/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's files against their single sources: CRDs byte-equal to the operator's, versions equal
 * to the Maven project version, every value documented in values.yaml and the chart README.
 */
class ChartFilesTest {
  private final Path repo = RepoRoot.find();
  private final Path chart = Helm.chartDir();

  @Test
  void shouldShipCrdsByteEqualToTheOperatorsCrds() throws IOException {
    // Given
    Path source = repo.resolve("operator/src/main/resources/crds");
    List<String> sourceNames = fileNames(source);
    // When
    List<String> chartNames = fileNames(chart.resolve("crds"));
    // Then
    assertThat(sourceNames).as("operator CRD files").isNotEmpty();
    assertThat(chartNames)
        .as("chart crds/ (copy operator/src/main/resources/crds/)")
        .isEqualTo(sourceNames);
    for (String name : sourceNames) {
      List<String> copy = Files.readAllLines(chart.resolve("crds").resolve(name));
      List<String> original = Files.readAllLines(source.resolve(name));
      assertThat(
              Arrays.equals(
                  Files.readAllBytes(chart.resolve("crds").resolve(name)),
                  Files.readAllBytes(source.resolve(name))))
          .as(
              "deploy/helm/kafscale/crds/%s differs from the operator's (first at line %d); copy it:"
                  + " cp operator/src/main/resources/crds/*.yml deploy/helm/kafscale/crds/",
              name, firstDifference(copy, original))
          .isTrue();
    }
  }

  @Test
  void shouldShipRbacRulesByteEqualToTheOperatorsRbac() throws IOException {
    // Given
    Path source = repo.resolve("operator/src/main/resources/rbac");
    List<String> sourceNames = fileNames(source);
    // When
    List<String> chartNames = fileNames(chart.resolve("files/rbac"));
    // Then
    assertThat(sourceNames).as("operator RBAC files").isNotEmpty();
    assertThat(chartNames)
        .as("chart files/rbac/ (copy operator/src/main/resources/rbac/)")
        .isEqualTo(sourceNames);
    for (String name : sourceNames) {
      assertThat(Files.readString(chart.resolve("files/rbac").resolve(name)))
          .as(
              "deploy/helm/kafscale/files/rbac/%s must equal the operator's; copy it: cp"
                  + " operator/src/main/resources/rbac/*.yaml deploy/helm/kafscale/files/rbac/",
              name)
          .isEqualTo(Files.readString(source.resolve(name)));
    }
  }

  private static int firstDifference(List<String> a, List<String> b) {
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
      i++;
    }
    return i + 1;
  }

  @Test
  void shouldVersionTheChartAndItsAppAsTheMavenProject() throws IOException {
    // Given
    String projectVersion = projectVersion();
    // When
    Map<String, Object> chartYaml = Manifests.read(chart.resolve("Chart.yaml")).objects().get(0);
    // Then
    assertThat(chartYaml.get("appVersion")).isEqualTo(projectVersion);
    assertThat(chartYaml.get("version")).isEqualTo(projectVersion);
    assertThat(chartYaml.get("apiVersion")).isEqualTo("v2");
  }

  @Test
  void shouldDocumentEveryValueInValuesYamlAndTheReadme() throws IOException {
    // Given
    List<String> lines = Files.readAllLines(chart.resolve("values.yaml"));
    String readme = Files.readString(chart.resolve("README.md"));
    // When
    List<ValueLine> leaves = leafValues(lines);
    // Then
    assertThat(leaves).hasSizeGreaterThan(40);
    for (ValueLine leaf : leaves) {
      assertThat(leaf.documented())
          .as("values.yaml line %d (%s) needs a '# -- ' comment above it", leaf.line(), leaf.path())
          .isTrue();
      assertThat(readme)
          .as("chart README.md documents %s", leaf.path())
          .contains("`" + leaf.path() + "`");
    }
  }

  /** A leaf key of values.yaml: dotted path, 1-based line, whether a "# --" comment precedes it. */
  record ValueLine(String path, int line, boolean documented) {}

  /**
   * Leaf keys by indentation (the file is block-style YAML): a key whose value is on its line
   * (scalar, [] or {}), a key followed by list items, or a documented key whose nested mapping is
   * its example content (e.g. resources). Comments between a "# --" line and its key are allowed.
   */
  static List<ValueLine> leafValues(List<String> lines) {
    Pattern key = Pattern.compile("^( *)([A-Za-z0-9_.]+):(.*)$");
    List<ValueLine> leaves = new ArrayList<>();
    List<String> stack = new ArrayList<>();
    List<Integer> indents = new ArrayList<>();
    int skipDeeperThan = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = key.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      int indent = m.group(1).length();
      if (skipDeeperThan >= 0 && indent > skipDeeperThan) {
        continue; // inside a documented map value
      }
      skipDeeperThan = -1;
      while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
        indents.remove(indents.size() - 1);
        stack.remove(stack.size() - 1);
      }
      String parent = String.join(".", stack);
      String path = parent.isEmpty() ? m.group(2) : parent + "." + m.group(2);
      boolean documented = isDocumented(lines, i);
      boolean parentOfMap = m.group(3).isBlank() && nextKeyIsDeeper(lines, i, indent);
      if (parentOfMap && !documented) {
        stack.add(m.group(2));
        indents.add(indent);
        continue;
      }
      leaves.add(new ValueLine(path, i + 1, documented));
      if (parentOfMap) {
        skipDeeperThan = indent;
      }
    }
    return leaves;
  }

  private static boolean nextKeyIsDeeper(List<String> lines, int i, int indent) {
    for (int j = i + 1; j < lines.size(); j++) {
      String line = lines.get(j);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int next = line.length() - line.stripLeading().length();
      return next > indent && !line.stripLeading().startsWith("- ");
    }
    return false;
  }

  private static boolean isDocumented(List<String> lines, int i) {
    for (int j = i - 1; j >= 0; j--) {
      String line = lines.get(j).strip();
      if (!line.startsWith("#")) {
        return false;
      }
      if (line.startsWith("# -- ")) {
        return true;
      }
    }
    return false;
  }

  private String projectVersion() throws IOException {
    String pom = Files.readString(repo.resolve("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>kafscale-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("project version in pom.xml").isTrue();
    return m.group(1);
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
