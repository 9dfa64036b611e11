/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import io.kafscale.e2e.support.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external client program (kcat, python, node) started in the background, so that several
 * clients consume at the same time. {@link #close()} kills it and its children if it still runs,
 * which tests call from {@code @AfterEach}. Not thread-safe.
 */
final class ClientProcess implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final Path out;
  private final Path err;

  private ClientProcess(List<String> command, Process process, Path out, Path err) {
    this.command = command;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code command} with no input; its output goes to temporary files. */
  static ClientProcess start(List<String> command) {
    try {
      Path out = Files.createTempFile("client-out", ".txt");
      Path err = Files.createTempFile("client-err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return new ClientProcess(List.copyOf(command), process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the program to exit and asserts it exited with 0. */
  Exec.Result awaitSuccess(long timeoutSeconds) {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        close();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + " s: " + command + "\n" + output());
      }
      return new Exec.Result(process.exitValue(), read(out), read(err)).assertSuccess();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + command, e);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A temporary file left behind is harmless.
    }
  }

  private String output() {
    return "stderr:\n" + read(err) + "\nstdout:\n" + read(out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<unreadable " + file + ": " + e + ">";
    }
  }
}
