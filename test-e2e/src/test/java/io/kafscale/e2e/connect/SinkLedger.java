/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the in-process {@link RecordingSinkTask}s received, by ledger name, in arrival order. The
 * worker runs in the test's JVM, so a static registry is how the test sees into the sink.
 * Thread-safe.
 */
final class SinkLedger {
  private static final Map<String, List<String>> LEDGERS = new ConcurrentHashMap<>();

  private SinkLedger() {}

  static void append(String ledger, String value) {
    LEDGERS.computeIfAbsent(ledger, l -> new CopyOnWriteArrayList<>()).add(value);
  }

  /** A snapshot of the values received so far. */
  static List<String> received(String ledger) {
    return List.copyOf(LEDGERS.getOrDefault(ledger, List.of()));
  }
}
