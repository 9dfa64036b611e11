/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import java.util.function.Predicate;

/**
 * The first launch of a server process on ports picked free earlier: any process (an outgoing
 * connection's ephemeral port, too) can take such a port before the server binds it, so a launch
 * that fails because a port was taken is repeated on newly picked ports. Stateless.
 */
public final class FirstLaunch {

  /** How many launches a first start makes at most. */
  public static final int ATTEMPTS = 3;

  private FirstLaunch() {}

  /** Whether a failed launch's output says a port was taken: the JDK's (and Netty's) bind error. */
  public static boolean addressInUse(String message) {
    return message.contains("Address already in use");
  }

  /**
   * Runs {@code launch}; while it throws an {@link IllegalStateException} whose message {@code
   * portTaken} recognises, runs {@code pickNewPorts} and launches again, at most {@value #ATTEMPTS}
   * times in all. Any other failure, or the last one, is thrown.
   */
  public static void onFreePorts(
      Runnable launch, Predicate<String> portTaken, Runnable pickNewPorts) {
    for (int attempt = 1; ; attempt++) {
      try {
        launch.run();
        return;
      } catch (IllegalStateException e) {
        if (attempt >= ATTEMPTS || e.getMessage() == null || !portTaken.test(e.getMessage())) {
          throw e;
        }
        pickNewPorts.run();
      }
    }
  }
}
