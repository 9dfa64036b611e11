/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Unique object-key suffixes for this process: 8 random hex characters chosen at start plus a
 * counter, so no two uploads (of this or another process, even at the same epoch) share a key.
 * Thread-safe.
 */
public final class KeySuffixes implements Supplier<String> {

  private final String processId;
  private final AtomicLong counter = new AtomicLong();

  public KeySuffixes() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    this.processId = HexFormat.of().formatHex(bytes);
  }

  public KeySuffixes(String processId) {
    this.processId = processId;
  }

  @Override
  public String get() {
    return processId + "-" + counter.incrementAndGet();
  }
}
