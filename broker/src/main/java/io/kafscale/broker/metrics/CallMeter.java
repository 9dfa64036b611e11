/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times the asynchronous calls of a port: one counter tagged {@code operation} and
 * {@code outcome}, one timer tagged {@code operation}, both on the registry's clock. The answer a
 * caller gets is the port's own (same value, same exception object), completed only after it was
 * recorded. Thread-safe.
 */
final class CallMeter {
  private static final Logger LOG = LoggerFactory.getLogger(CallMeter.class);

  static final String SUCCESS = "success";
  static final String ERROR = "error";

  private final MeterRegistry registry;
  private final String counterName;
  private final String timerName;
  private final Function<Throwable, String> outcomeOfFailure;

  /**
   * @param outcomeOfFailure the {@code outcome} tag of a failure (already unwrapped from {@link
   *     CompletionException}); must return one of a few fixed values
   */
  CallMeter(
      MeterRegistry registry,
      BrokerMeters counter,
      BrokerMeters timer,
      Function<Throwable, String> outcomeOfFailure) {
    this.registry = registry;
    this.counterName = counter.meterName();
    this.timerName = timer.meterName();
    this.outcomeOfFailure = outcomeOfFailure;
  }

  /** Runs {@code call} and records it under {@code operation}; a call that throws is rethrown. */
  <T> CompletableFuture<T> observe(String operation, Supplier<CompletableFuture<T>> call) {
    Timer.Sample sample = Timer.start(registry);
    CompletableFuture<T> answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      record(operation, sample, e);
      throw e;
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    answer.whenComplete(
        (value, failure) -> {
          try {
            record(operation, sample, failure);
          } catch (RuntimeException e) {
            // A meter that cannot be recorded must never leave the store's caller waiting.
            LOG.warn("Could not record {} {}: {}", counterName, operation, e.toString());
          }
          if (failure == null) {
            out.complete(value);
          } else {
            out.completeExceptionally(failure);
          }
        });
    return out;
  }

  /** Records a synchronous call (e.g. opening a watch) that returned or threw {@code failure}. */
  void record(String operation, Timer.Sample sample, Throwable failure) {
    String outcome = failure == null ? SUCCESS : outcomeOfFailure.apply(unwrap(failure));
    registry.counter(counterName, "operation", operation, "outcome", outcome).increment();
    sample.stop(registry.timer(timerName, "operation", operation));
  }

  Timer.Sample start() {
    return Timer.start(registry);
  }

  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
