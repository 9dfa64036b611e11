/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.console.Console;
import io.kafscale.console.LocalMain;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-process broker (embedded metadata store, local object store) with a console next to it,
 * wired as {@code make run} wires them but on free loopback ports, with a short refresh so that
 * live updates arrive within a second. Not thread-safe.
 */
final class ConsoleStack implements AutoCloseable {
  static final String USER = "operator";
  static final String PASSWORD = "browser-test-password";

  private final BrokerFixture broker;
  private final Console console;

  private ConsoleStack(BrokerFixture broker, Console console) {
    this.broker = broker;
    this.console = console;
  }

  static ConsoleStack start(boolean readOnly) {
    return start(Map.of("KAFSCALE_CONSOLE_READ_ONLY", Boolean.toString(readOnly)));
  }

  /** A stack whose console also gets {@code consoleEnv} (over the test defaults). */
  static ConsoleStack start(Map<String, String> consoleEnv) {
    BrokerFixture broker = BrokerFixture.start(Map.of("KAFSCALE_LAG_INTERVAL_MS", "200"));
    try {
      Map<String, String> env = new HashMap<>();
      env.put("KAFSCALE_CONSOLE_ADDR", "127.0.0.1:0");
      env.put("KAFSCALE_CONSOLE_USERNAME", USER);
      env.put("KAFSCALE_CONSOLE_PASSWORD", PASSWORD);
      env.put("KAFSCALE_CONSOLE_REFRESH_MS", "300");
      env.put("KAFSCALE_CONSOLE_LOGIN_FAILURE_DELAY_MS", "50");
      env.putAll(consoleEnv);
      Console console = LocalMain.startConsole(broker.broker(), env);
      return new ConsoleStack(broker, console);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  String consoleUrl() {
    return "http://127.0.0.1:" + console.port();
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  int brokerId() {
    return broker.broker().brokerId();
  }

  /** Stops the broker only (the console keeps running and must say the cluster is down). */
  void stopBroker() {
    broker.broker().close();
  }

  @Override
  public void close() {
    try {
      console.close();
    } finally {
      broker.close();
    }
  }
}
