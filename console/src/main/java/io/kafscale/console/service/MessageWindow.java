/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

/**
 * Which offsets of one partition the message browser reads: {@code [from, to)} within the log's
 * {@code [logStart, logEnd)}. Pure.
 */
public record MessageWindow(long from, long to) {

  /** The newest {@code limit} offsets. */
  public static MessageWindow newest(long logStart, long logEnd, int limit) {
    return new MessageWindow(Math.max(logStart, logEnd - limit), logEnd);
  }

  /** {@code limit} offsets from {@code start} (clamped into the log). */
  public static MessageWindow from(long start, long logStart, long logEnd, int limit) {
    long from = Math.min(Math.max(start, logStart), logEnd);
    return new MessageWindow(from, Math.min(logEnd, from + limit));
  }

  public boolean isEmpty() {
    return from >= to;
  }
}
