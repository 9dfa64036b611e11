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

/** Runs an external client program (kcat, python, node) to completion with a time limit. */
public final class Exec {
  /** Exit code and the complete standard output and error of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(
            "exit " + exitCode + "\nstderr:\n" + tail(stderr) + "\nstdout:\n" + tail(stdout));
      }
      return this;
    }

    private static String tail(String s) {
      return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }
  }

  private Exec() {}

  /** Runs {@code command} without input or extra environment and asserts it exits with 0. */
  public static Result succeed(long timeoutSeconds, String... command) {
    return run(List.of(command), Map.of(), null, timeoutSeconds).assertSuccess();
  }

  /** Runs {@code command}, feeding {@code stdin} (may be null), waiting at most timeoutSeconds. */
  public static Result run(
      List<String> command, Map<String, String> env, Path stdin, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile("exec-out", ".txt");
      Path err = Files.createTempFile("exec-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.redirectInput(
          stdin == null
              ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
              : ProcessBuilder.Redirect.from(stdin.toFile()));
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "timed out after "
                + timeoutSeconds
                + " s: "
                + command
                + "\nstderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
