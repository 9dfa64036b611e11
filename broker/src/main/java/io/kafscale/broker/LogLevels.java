/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code KAFSCALE_LOG_LEVEL} to the Logback root logger. */
final class LogLevels {
  private LogLevels() {}

  /** Sets the root level; a no-op when SLF4J is not bound to Logback (e.g. an embedding app). */
  static void applyRoot(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
