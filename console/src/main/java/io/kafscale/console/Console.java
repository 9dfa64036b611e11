/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console;

import io.kafscale.console.auth.LoginLimiter;
import io.kafscale.console.auth.Sessions;
import io.kafscale.console.config.ConsoleConfig;
import io.kafscale.console.http.ApiException;
import io.kafscale.console.http.ConsoleApi;
import io.kafscale.console.http.ConsoleServer;
import io.kafscale.console.http.EventHub;
import io.kafscale.console.http.HealthRoutes;
import io.kafscale.console.http.Json;
import io.kafscale.console.http.Routes;
import io.kafscale.console.metrics.LagHistory;
import io.kafscale.console.metrics.MetricsSampler;
import io.kafscale.console.service.BrokerAdmin;
import io.kafscale.console.service.BrokerService;
import io.kafscale.console.service.GroupService;
import io.kafscale.console.service.HttpBrokerAdmin;
import io.kafscale.console.service.KafkaClients;
import io.kafscale.console.service.KafkaErrors;
import io.kafscale.console.service.MessageService;
import io.kafscale.console.service.MetadataReader;
import io.kafscale.console.service.OverviewService;
import io.kafscale.console.service.TopicService;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running console: Kafka clients, services, the HTTP server and the refresh loop that scrapes
 * the brokers' metrics and pushes {@code overview}, {@code metrics} and {@code groups} events every
 * {@code KAFSCALE_CONSOLE_REFRESH_MS}. The metadata reader is handed in (etcd for {@link
 * ConsoleMain}, the in-process broker's store for {@link LocalMain}) and is not closed here.
 * Thread-safe.
 */
public final class Console implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  private final ConsoleConfig config;
  private final KafkaClients kafka;
  private final HttpBrokerAdmin brokerAdmin;
  private final ConsoleServer server;
  private final EventHub events = new EventHub();
  private final ScheduledExecutorService refresher;
  private final OverviewService overview;
  private final GroupService groups;
  private final BrokerService brokers;
  private final MetricsSampler sampler;
  private final LagHistory lagHistory;
  private final Sessions sessions;
  private final Clock clock;

  private Console(ConsoleConfig config, MetadataReader metadata, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.kafka =
        new KafkaClients(
            config.bootstrapServers(), config.kafkaProperties(), config.kafkaTimeout());
    this.brokerAdmin = new HttpBrokerAdmin(config.brokerTimeout());
    BrokerAdmin admin = brokerAdmin;
    this.sampler = new MetricsSampler(admin, clock);
    this.lagHistory = new LagHistory(MetricsSampler.WINDOW.toMillis(), 500);
    this.brokers = new BrokerService(kafka, metadata, admin, config.brokerAdminPort(), clock);
    TopicService topics = new TopicService(kafka, metadata);
    MessageService messages =
        new MessageService(kafka, topics, config.limits().maxConcurrentBrowses());
    this.groups = new GroupService(kafka, topics, lagHistory);
    this.overview =
        new OverviewService(
            kafka,
            brokers,
            metadata,
            sampler,
            config.putPricePer1000(),
            config.getPricePer1000(),
            config.refresh().toMillis());
    this.sessions = new Sessions(config.username(), config.password(), config.sessionTtl(), clock);
    // A session that ends (logout, expiry) must not keep receiving live events.
    sessions.onSessionEnd(events::closeSession);
    Routes routes = new Routes(sessions, config.readOnly(), e -> KafkaErrors.map(e, "request"));
    ConsoleApi.register(
        routes,
        new ConsoleApi.Auth(
            sessions,
            new LoginLimiter(config.limits().loginFailuresPerMinute(), clock),
            config.readOnly(),
            config.limits().cookieSecure(),
            config.loginFailureDelay()),
        overview,
        brokers,
        topics,
        messages,
        groups);
    this.server =
        new ConsoleServer(
            config.listen(),
            config.maxBodyBytes(),
            config.limits().idleTimeout(),
            config.limits().maxConnections(),
            routes,
            events,
            HealthRoutes.kafka(kafka.admin(), config.kafkaTimeout()));
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kafscale-console-refresh");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the server and the refresh loop; returns once the port is bound. */
  public static Console start(ConsoleConfig config, MetadataReader metadata) {
    return start(config, metadata, Clock.systemUTC());
  }

  public static Console start(ConsoleConfig config, MetadataReader metadata, Clock clock) {
    Console console = new Console(config, metadata, clock);
    try {
      console.server.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.close();
      throw new IllegalStateException("interrupted while binding " + config.listen(), e);
    } catch (RuntimeException e) {
      console.close();
      throw e;
    }
    long ms = config.refresh().toMillis();
    console.refresher.scheduleWithFixedDelay(console::refresh, 0, ms, TimeUnit.MILLISECONDS);
    return console;
  }

  /** The bound HTTP port. */
  public int port() {
    return server.port();
  }

  /** One refresh: scrape metrics, record lag, push the three events (errors as error docs). */
  void refresh() {
    try {
      sessions.purgeExpired();
      sampler.sample(brokers.adminAddresses());
      events.publish("metrics", Json.writeString(overview.latestSample()));
      events.publish("overview", Json.writeString(overview.overview()));
      try {
        var list = groups.list();
        lagHistory.record(clock.millis(), GroupService.lags(list));
        events.publish("groups", Json.writeString(list));
      } catch (ApiException e) {
        events.publish("groups", errorDoc(e));
      }
    } catch (ApiException e) {
      events.publish("overview", errorDoc(e));
    } catch (RuntimeException e) {
      // The loop must survive anything: a dead refresh thread would freeze every page.
      LOG.warn("Console refresh failed error={}", e.toString());
    }
  }

  private static String errorDoc(ApiException e) {
    return Json.writeString(Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    server.close();
    kafka.close();
    brokerAdmin.close();
  }

  public ConsoleConfig config() {
    return config;
  }
}
