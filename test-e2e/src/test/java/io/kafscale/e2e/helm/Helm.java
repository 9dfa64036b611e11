/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import io.kafscale.broker.testing.RepoRoot;
import io.kafscale.e2e.support.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The helm v3 binary run offline on the repository's chart. It is found at {@code -Dhelm.bin},
 * {@code <repo>/target/tools/bin/helm} (where {@code scripts/install-helm.sh} puts it) or on the
 * PATH; when none is there, {@link #locate()} runs {@code scripts/install-helm.sh} once. helm's
 * cache/config/data homes point at a private temp directory, so no user state is read or written.
 * Not thread-safe.
 */
public final class Helm {
  /** Path of the chart inside the repository. */
  public static final String CHART = "deploy/helm/kafscale";

  private static Optional<Helm> located;
  private static String whyMissing = "";

  private final Path binary;
  private final Path home;

  private Helm(Path binary, Path home) {
    this.binary = binary;
    this.home = home;
  }

  /** The helm binary, installing it if needed; empty (see {@link #whyMissing()}) if impossible. */
  public static synchronized Optional<Helm> locate() {
    if (located == null) {
      located = find().or(Helm::install).map(Helm::withPrivateHome);
    }
    return located;
  }

  /** Why {@link #locate()} found no helm (for the skip message). */
  public static synchronized String whyMissing() {
    return whyMissing;
  }

  public static Path chartDir() {
    return RepoRoot.find().resolve(CHART);
  }

  /** {@code helm lint --strict} of the chart with the given values files. */
  public Exec.Result lint(List<Path> valuesFiles) {
    List<String> args = new ArrayList<>(List.of("lint", "--strict", chartDir().toString()));
    valuesFiles.forEach(f -> args.addAll(List.of("--values", f.toString())));
    return run(args);
  }

  /**
   * {@code helm template <release> <chart> --namespace <ns> --include-crds} with values files and
   * {@code --set} pairs; fails the test when helm does.
   */
  public String template(
      String release, String namespace, List<Path> valuesFiles, Map<String, String> sets) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template",
                release,
                chartDir().toString(),
                "--namespace",
                namespace,
                "--include-crds"));
    valuesFiles.forEach(f -> args.addAll(List.of("--values", f.toString())));
    sets.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return run(args).assertSuccess().stdout();
  }

  /** Runs helm with {@code args}; the result is returned whatever the exit code. */
  public Exec.Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Map<String, String> env =
        Map.of(
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString());
    return Exec.run(command, env, null, 60);
  }

  private static Optional<Path> find() {
    String configured = System.getProperty("helm.bin");
    if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
      return Optional.of(Path.of(configured));
    }
    Path tools = RepoRoot.find().resolve("target/tools/bin/helm");
    if (Files.isExecutable(tools)) {
      return Optional.of(tools);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "helm");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> install() {
    Path script = RepoRoot.find().resolve("scripts/install-helm.sh");
    Exec.Result result = Exec.run(List.of(script.toString()), Map.of(), null, 180);
    if (result.exitCode() != 0) {
      whyMissing =
          "helm is not installed and scripts/install-helm.sh failed (exit "
              + result.exitCode()
              + "): "
              + result.stderr().strip();
      return Optional.empty();
    }
    return find();
  }

  private static Helm withPrivateHome(Path binary) {
    try {
      return new Helm(binary, Files.createTempDirectory("helm-home"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
