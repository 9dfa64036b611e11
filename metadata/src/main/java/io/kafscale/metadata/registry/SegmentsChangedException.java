/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/**
 * A segment a caller meant to replace is no longer stored as it expected (retention or
 * DeleteRecords removed it, or another replacement already swapped it out): nothing was written,
 * and the caller should reload its segment list before trying again.
 */
public class SegmentsChangedException extends IllegalStateException {
  public SegmentsChangedException(String message) {
    super(message);
  }
}
