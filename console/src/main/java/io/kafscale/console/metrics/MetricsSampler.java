/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import io.kafscale.console.service.BrokerAdmin;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scrapes every broker's {@code /metrics} once per refresh and keeps 15 minutes of cluster rates:
 * each broker's rates since its previous scrape, summed over the brokers. A refresh where any
 * broker did not answer (now or at its previous scrape) records a gap: a sum over only some brokers
 * would be a silently lower total. A rate whose counter some broker lacks is null ({@link
 * RatePoint}). Called from one scheduler thread; reads are thread-safe.
 */
public final class MetricsSampler {
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final BrokerAdmin admin;
  private final Clock clock;
  private final History<RatePoint> history = new History<>(WINDOW.toMillis());
  private final Map<String, Counters> previous = new HashMap<>();

  public MetricsSampler(BrokerAdmin admin, Clock clock) {
    this.admin = admin;
    this.clock = clock;
  }

  /** Scrapes {@code adminAddresses} and records one history point (a gap when nothing answered). */
  public synchronized Optional<RatePoint> sample(Collection<String> adminAddresses) {
    long now = clock.millis();
    RatePoint total = null;
    boolean complete = !adminAddresses.isEmpty();
    Map<String, Counters> seen = new HashMap<>();
    for (String address : adminAddresses) {
      BrokerAdmin.Reply reply = admin.get(address, "/metrics");
      if (!reply.ok()) {
        complete = false;
        continue;
      }
      Counters counters = Counters.from(now, PrometheusText.parse(reply.body()));
      seen.put(address, counters);
      Counters before = previous.get(address);
      RatePoint rate = before == null ? null : counters.ratesSince(before);
      if (rate == null) {
        complete = false;
      } else {
        total = total == null ? rate : total.plus(rate);
      }
    }
    if (!complete) {
      total = null;
    }
    previous.clear();
    previous.putAll(seen);
    history.add(now, total);
    return Optional.ofNullable(total);
  }

  /** The newest rates, or empty until two scrapes answered (or after a gap). */
  public Optional<RatePoint> latest() {
    History.Point<RatePoint> p = history.latest();
    return p == null ? Optional.empty() : Optional.ofNullable(p.value());
  }

  public List<History.Point<RatePoint>> history() {
    return history.points();
  }
}
