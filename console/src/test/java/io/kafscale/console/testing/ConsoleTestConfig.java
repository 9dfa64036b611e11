/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.testing;

import io.kafscale.console.config.ConsoleConfig;
import java.util.HashMap;
import java.util.Map;

/** Console configurations for tests: loopback, free port, fast refresh, short delays. */
public final class ConsoleTestConfig {
  private ConsoleTestConfig() {}

  public static ConsoleConfig of(String bootstrap, int adminPort, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_CONSOLE_ADDR", "127.0.0.1:0");
    env.put("KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", bootstrap);
    env.put("KAFSCALE_CONSOLE_USERNAME", "admin");
    env.put("KAFSCALE_CONSOLE_PASSWORD", "pw");
    env.put("KAFSCALE_CONSOLE_REFRESH_MS", "300");
    env.put("KAFSCALE_CONSOLE_LOGIN_FAILURE_DELAY_MS", "200");
    env.put("KAFSCALE_CONSOLE_BROKER_ADMIN_PORT", Integer.toString(adminPort));
    env.put("KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS", "5000");
    env.putAll(extra);
    return ConsoleConfig.load(env);
  }
}
