/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The modification time and size of a set of files, to tell when any changed (certificate
 * rotation). A missing or unreadable file counts as (-1, -1). Immutable value.
 */
public record FileFingerprint(List<Long> parts) {
  public FileFingerprint {
    parts = List.copyOf(parts);
  }

  public static FileFingerprint of(List<Path> files) {
    List<Long> parts = new ArrayList<>();
    for (Path file : files) {
      try {
        parts.add(Files.getLastModifiedTime(file).toMillis());
        parts.add(Files.size(file));
      } catch (IOException e) {
        parts.add(-1L);
        parts.add(-1L);
      }
    }
    return new FileFingerprint(parts);
  }
}
