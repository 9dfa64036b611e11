/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM child process started from a command and an environment, with its output appended to a log
 * file. Restartable: every {@link #start()} launches a fresh process with the same command. Not
 * thread-safe; one test thread drives it.
 */
final class ChildProcess implements AutoCloseable {
  private final List<String> command;
  private final Map<String, String> env;
  private final Path logFile;
  private Process process;

  ChildProcess(List<String> command, Map<String, String> env, Path logFile) {
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.logFile = logFile;
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  void start() {
    if (isAlive()) {
      throw new IllegalStateException("already running: " + command);
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    // Inherited KAFSCALE_* variables (the Makefile exports KAFSCALE_DATA_DIR) must not leak in.
    builder.environment().keySet().removeIf(name -> name.startsWith("KAFSCALE_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill9() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(30);
    }
  }

  /** SIGTERM, then SIGKILL if the process has not exited after the grace period. */
  void stop(long graceSeconds) {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(graceSeconds)) {
        kill9();
      }
    }
  }

  private boolean waitFor(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logTail(int maxChars) {
    try {
      String all = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
      return all.length() <= maxChars ? all : all.substring(all.length() - maxChars);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    stop(10);
  }
}
