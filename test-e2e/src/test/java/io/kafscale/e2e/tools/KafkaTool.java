/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.internals.Exit;

/**
 * Runs a kafka-tools command's {@code main} in this JVM with the standard streams captured and
 * {@link Exit} replaced, so the command's exit does not end the test JVM. Thread-safe: calls are
 * serialised because the standard streams are JVM-wide.
 */
final class KafkaTool {
  private static final Object LOCK = new Object();

  /** A command's {@code main}. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  /** What the command printed and the exit code it asked for (0 when it returned normally). */
  record Output(String text, int exitCode) {}

  private static final class ExitRequested extends RuntimeException {
    private final int code;

    ExitRequested(int code) {
      super("exit " + code, null, false, false);
      this.code = code;
    }
  }

  private KafkaTool() {}

  static Output run(String name, Main main, String... args) throws Exception {
    synchronized (LOCK) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream out = System.out;
      PrintStream err = System.err;
      int exitCode = 0;
      try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        System.setErr(capture);
        Exit.setExitProcedure(
            (code, message) -> {
              throw new ExitRequested(code);
            });
        main.run(args);
      } catch (ExitRequested e) {
        exitCode = e.code;
      } finally {
        System.setOut(out);
        System.setErr(err);
        Exit.resetExitProcedure();
      }
      Output output = new Output(captured.toString(StandardCharsets.UTF_8), exitCode);
      out.println(name + " " + String.join(" ", args) + "\n" + output.text());
      return output;
    }
  }
}
