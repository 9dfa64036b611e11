/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} as a child JVM on this JVM's
 * class path (kafka-tools is a test dependency of test-e2e), echoing its output indented, and
 * returns its summary. The settings are bench.sh's: acks=all, linger.ms=5, batch.size=128 KiB,
 * unthrottled, default (idempotent) producer. Not thread-safe; one run at a time.
 */
public final class ProducerPerformanceTool {
  private ProducerPerformanceTool() {}

  /**
   * Sends {@code records} x {@code recordSize} bytes to {@code topic} and waits for the tool.
   *
   * @param open tracks the child process while it runs, so a shutdown hook can kill it
   */
  public static ProducerPerfSummary run(
      String bootstrap, String topic, long records, int recordSize, BenchResources open) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-Xmx1g",
            // The fixtures' test-jars each carry a logback-test.xml; logback then prints its
            // status.
            "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
            "-cp",
            System.getProperty("java.class.path"),
            "org.apache.kafka.tools.ProducerPerformance",
            "--topic",
            topic,
            "--num-records",
            Long.toString(records),
            "--record-size",
            Integer.toString(recordSize),
            "--throughput",
            "-1",
            "--bootstrap-server",
            bootstrap,
            "--command-property", // --producer-props is deprecated in kafka-tools 4.x
            "acks=all",
            "linger.ms=5",
            "batch.size=131072");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      AutoCloseable kill = open.track(process::destroyForcibly);
      try {
        return awaitSummary(process);
      } finally {
        open.close(kill); // a no-op once the tool has exited
      }
    } catch (IOException e) {
      throw new UncheckedIOException("run ProducerPerformance", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for ProducerPerformance", e);
    }
  }

  private static ProducerPerfSummary awaitSummary(Process process)
      throws IOException, InterruptedException {
    Deque<String> tail = new ArrayDeque<>();
    Optional<ProducerPerfSummary> summary = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("    " + line);
        Optional<ProducerPerfSummary> parsed = ProducerPerfSummary.parse(line);
        if (parsed.isPresent()) {
          summary = parsed;
        }
        tail.addLast(line);
        if (tail.size() > 20) {
          tail.removeFirst();
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || summary.isEmpty()) {
      throw new IllegalStateException(
          "ProducerPerformance exited "
              + exit
              + " without a summary; last output:\n"
              + String.join("\n", tail));
    }
    return summary.get();
  }
}
