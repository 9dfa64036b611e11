/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console;

import io.kafscale.broker.Broker;
import io.kafscale.broker.BrokerStartException;
import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.ConfigException;
import io.kafscale.console.config.ConsoleCatalogue;
import io.kafscale.console.config.ConsoleConfig;
import io.kafscale.console.service.StoreMetadataReader;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make run}: one broker in this process with exactly the broker's own environment defaults
 * ({@code BrokerConfig.load(System.getenv())}) and the console on {@code 127.0.0.1:8080} reading
 * the broker's metadata store. Only here may credentials default, to {@code admin} / {@code
 * kafscale}, and the start log says so.
 */
public final class LocalMain {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMain.class);
  static final String DEFAULT_USER = "admin";
  static final String DEFAULT_PASSWORD = "kafscale";

  private LocalMain() {}

  /** A broker and a console wired as {@code make run} wires them. */
  public record Local(Broker broker, Console console) implements AutoCloseable {
    @Override
    public void close() {
      console.close();
      broker.close();
    }
  }

  /** Starts the console next to {@code broker}, with make-run defaults under {@code env}. */
  public static Console startConsole(Broker broker, Map<String, String> env) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put(ConsoleCatalogue.ADDR.name(), "127.0.0.1:8080");
    defaults.put(ConsoleCatalogue.BOOTSTRAP_SERVERS.name(), broker.bootstrapServers());
    defaults.put(ConsoleCatalogue.USERNAME.name(), DEFAULT_USER);
    defaults.put(ConsoleCatalogue.PASSWORD.name(), DEFAULT_PASSWORD);
    defaults.put(ConsoleCatalogue.BROKER_ADMIN_PORT.name(), Integer.toString(broker.adminPort()));
    ConsoleConfig config = ConsoleConfig.load(env, defaults);
    var metadata = broker.metadata();
    return Console.start(
        config,
        new StoreMetadataReader(metadata.store(), metadata.keys(), config.metadataTimeout()));
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Broker broker;
    try {
      broker = Broker.start(BrokerConfig.load(env));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    } catch (BrokerStartException e) {
      LOG.error("Broker failed to start error={}", e.getMessage());
      System.exit(1);
      return;
    }
    Console console;
    try {
      console = startConsole(broker, env);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      broker.close();
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.error("Console failed to start error={}", e.toString());
      broker.close();
      System.exit(1);
      return;
    }
    Local local = new Local(broker, console);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  local.close();
                  Runtime.getRuntime().halt(0);
                },
                "kafscale-shutdown"));
    boolean defaultLogin = isBlank(env.get(ConsoleCatalogue.PASSWORD.name()));
    LOG.info(
        "Broker started brokerId={} kafka={} admin=:{} objects={} metadata={}",
        broker.brokerId(),
        broker.bootstrapServers(),
        broker.adminPort(),
        broker.objectStoreKind(),
        broker.metadataStoreKind());
    LOG.info(
        "Console started url=http://{}:{}/ user={}{}",
        console.config().listen().host(),
        console.port(),
        console.config().username(),
        defaultLogin ? " password=" + DEFAULT_PASSWORD + " (make-run default)" : "");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
