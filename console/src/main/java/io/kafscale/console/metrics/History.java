/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A time window of samples (the last {@code windowMs}, oldest first) where a missing sample is a
 * {@code null} value: a gap, never an invented number. Thread-safe.
 *
 * @param <T> the sample value type
 */
public final class History<T> {
  /** One entry: when, and the value or null for a gap. */
  public record Point<T>(long atMs, T value) {}

  private final long windowMs;
  private final Deque<Point<T>> points = new ArrayDeque<>();

  public History(long windowMs) {
    this.windowMs = windowMs;
  }

  public synchronized void add(long atMs, T value) {
    points.addLast(new Point<>(atMs, value));
    while (!points.isEmpty() && points.peekFirst().atMs() <= atMs - windowMs) {
      points.removeFirst();
    }
  }

  public synchronized List<Point<T>> points() {
    return new ArrayList<>(points);
  }

  public synchronized Point<T> latest() {
    return points.peekLast();
  }

  public synchronized boolean isEmpty() {
    return points.isEmpty();
  }
}
