/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import rules of the module map, checked over every module's main sources: each external
 * system's client library is imported only by the one package that adapts it.
 */
class LayeringTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void shouldImportNettyOnlyInProtocolTheBrokersNetworkAdminAndInterBrokerClientAndConsoleHttp() {
    assertImportedOnlyUnder(
        "io.netty.",
        path ->
            path.startsWith(main("protocol"))
                || path.startsWith(pkg("broker", "broker/network"))
                || path.startsWith(pkg("broker", "broker/admin"))
                || path.startsWith(pkg("broker", "broker/interbroker"))
                || path.startsWith(pkg("console", "console/http")));
  }

  @Test
  void shouldImportTheAwsSdkOnlyInTheS3Adapter() {
    assertImportedOnlyUnder(
        "software.amazon.awssdk.",
        path -> path.startsWith(pkg("storage", "storage/objectstore/s3")));
  }

  @Test
  void shouldImportJetcdOnlyInTheEtcdAdapter() {
    assertImportedOnlyUnder(
        "io.etcd.jetcd.", path -> path.startsWith(pkg("metadata", "metadata/etcd")));
  }

  @Test
  void shouldImportGeneratedProtobufOnlyInTheMetadataCodec() {
    assertImportedOnlyUnder(
        "io.kafscale.proto.", path -> path.startsWith(pkg("metadata", "metadata/codec")));
  }

  @Test
  void shouldImportKafkaClientsInternalsOnlyInTheProtocolRecordsAdapter() {
    for (String internal :
        List.of(
            "org.apache.kafka.common.record.internal.",
            "org.apache.kafka.common.utils.internals.")) {
      assertImportedOnlyUnder(
          internal, path -> path.startsWith(pkg("protocol", "protocol/records")));
    }
  }

  @Test
  void shouldKeepStorageIndependentOfMetadata() {
    assertImportedOnlyUnder("io.kafscale.metadata.", path -> !path.startsWith(main("storage")));
  }

  private static Path main(String module) {
    return REPO.resolve(module).resolve("src/main/java");
  }

  private static Path pkg(String module, String packagePath) {
    return main(module).resolve("io/kafscale").resolve(packagePath);
  }

  private static void assertImportedOnlyUnder(String importPrefix, Predicate<Path> allowed) {
    List<Path> offenders =
        mainSources().filter(path -> imports(path, importPrefix)).filter(allowed.negate()).toList();
    assertThat(offenders).as("files importing %s outside their adapter", importPrefix).isEmpty();
  }

  private static Stream<Path> mainSources() {
    try (Stream<Path> modules = Files.list(REPO)) {
      List<Path> roots =
          modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
      assertThat(roots).as("module source roots under %s", REPO).hasSizeGreaterThan(3);
      return roots.stream().flatMap(LayeringTest::javaFiles);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean imports(Path file, String importPrefix) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.anyMatch(
          line ->
              line.startsWith("import " + importPrefix)
                  || line.startsWith("import static " + importPrefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
