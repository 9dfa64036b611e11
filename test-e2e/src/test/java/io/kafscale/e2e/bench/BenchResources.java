/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmark has started and not yet stopped (clusters, load generators, tool processes),
 * so a shutdown hook can stop it when the script is interrupted. Each resource is closed at most
 * once, by whichever of the benchmark thread and the hook gets to it first. Thread-safe.
 */
public final class BenchResources {
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

  /** Remembers {@code resource} as open and returns it. */
  public <T extends AutoCloseable> T track(T resource) {
    open.add(resource);
    return resource;
  }

  /** Closes {@code resource} unless it was closed already (or never tracked). */
  public void close(AutoCloseable resource) {
    if (resource != null && open.remove(resource)) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("bench: closing " + resource + " failed: " + e);
      }
    }
  }

  /** Closes everything still open (the shutdown hook). */
  public void closeAll() {
    open.forEach(this::close);
  }
}
