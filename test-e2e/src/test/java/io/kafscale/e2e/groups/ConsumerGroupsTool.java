/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * Kafka's own {@code kafka-consumer-groups} ({@link ConsumerGroupCommand} from kafka-tools 4.x) run
 * in this JVM. The command prints its tables and most errors to {@code System.out}, some notices
 * ("has no active members") to {@code System.err}, and calls {@link Exit#exit} only for usage
 * errors; all three are redirected for the duration of one call. Thread-safe: calls are serialised
 * because the standard streams are JVM-wide.
 */
final class ConsumerGroupsTool {
  private static final Object LOCK = new Object();

  /** The command's output, and the exit code it asked for (0 when it returned normally). */
  record Output(String text, int exitCode) {
    List<String> lines() {
      return text.lines().toList();
    }

    /** The table whose header holds exactly these column names, in this order. */
    ToolTable table(String... columns) {
      return ToolTable.parse(text, List.of(columns));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + text;
    }
  }

  /** Thrown by the replaced exit procedure so that a usage error does not end the test JVM. */
  private static final class ExitRequested extends RuntimeException {
    private final int code;

    ExitRequested(int code) {
      super("exit " + code, null, false, false);
      this.code = code;
    }
  }

  private ConsumerGroupsTool() {}

  /** Runs {@code kafka-consumer-groups --bootstrap-server bootstrap args...}. */
  static Output run(String bootstrap, String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
    all.addAll(List.of(args));
    synchronized (LOCK) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream original = System.out;
      PrintStream originalErr = System.err;
      int exitCode = 0;
      try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        System.setErr(capture);
        Exit.setExitProcedure(
            (code, message) -> {
              throw new ExitRequested(code);
            });
        ConsumerGroupCommand.main(all.toArray(String[]::new));
      } catch (ExitRequested e) {
        exitCode = e.code;
      } finally {
        System.setOut(original);
        System.setErr(originalErr);
        Exit.resetExitProcedure();
      }
      Output output = new Output(captured.toString(StandardCharsets.UTF_8), exitCode);
      // Echo for the test report: the tool's tables are what a failing assertion is about.
      original.println("kafka-consumer-groups " + String.join(" ", args) + "\n" + output.text());
      return output;
    }
  }
}
