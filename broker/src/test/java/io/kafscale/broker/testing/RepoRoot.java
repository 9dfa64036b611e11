/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the nearest directory upwards holding the parent POM. */
public final class RepoRoot {
  private RepoRoot() {}

  /** Walks up from the working directory (Maven runs tests in the module directory). */
  public static Path find() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (isParentPomDir(d)) {
        return d;
      }
    }
    throw new IllegalStateException("no kafscale-parent pom.xml above " + dir);
  }

  private static boolean isParentPomDir(Path dir) {
    Path pom = dir.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      return Files.readString(pom).contains("<artifactId>kafscale-parent</artifactId>")
          && Files.isDirectory(dir.resolve("broker"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
