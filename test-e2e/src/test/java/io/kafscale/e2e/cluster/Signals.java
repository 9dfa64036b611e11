/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals for test processes through {@code /bin/kill}: the JDK can send only SIGTERM and
 * SIGKILL, and pausing a broker (SIGSTOP/SIGCONT) is how the tests simulate a stalled pod.
 * Stateless, thread-safe.
 */
public final class Signals {
  private Signals() {}

  /** Sends {@code signal} (e.g. {@code "STOP"}, {@code "CONT"}, {@code "TERM"}) to {@code pid}. */
  public static void send(long pid, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + signal + " " + pid + " did not return");
      }
      if (kill.exitValue() != 0) {
        String output = new String(kill.getInputStream().readAllBytes());
        throw new IllegalStateException(
            "kill -" + signal + " " + pid + " exited " + kill.exitValue() + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
    }
  }
}
