/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.cache.SegmentCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * Every meter of the partition logs, declared in one place with its documentation ({@link
 * #describe()} feeds the generated metrics page). No per-partition tags: partition counts are
 * unbounded. Thread-safe (Micrometer meters are).
 */
public final class StorageMeters {

  /** Kind of a meter, as documented. */
  public enum Type {
    COUNTER,
    TIMER,
    DISTRIBUTION_SUMMARY,
    GAUGE
  }

  /** Documentation of one meter. */
  public record Description(String name, Type type, String description) {}

  public static final String FLUSHES = "kafscale.storage.flushes";
  public static final String FLUSH_BYTES = "kafscale.storage.flush.bytes";
  public static final String FLUSH_BATCHES = "kafscale.storage.flush.batches";
  public static final String FLUSH_FAILURES = "kafscale.storage.flush.failures";
  public static final String PUT_LATENCY = "kafscale.storage.put.latency";
  public static final String COMMIT_LATENCY = "kafscale.storage.commit.latency";
  public static final String STAGED_WAIT = "kafscale.storage.flush.staged.wait";
  public static final String ENCODE_LATENCY = "kafscale.storage.flush.encode.latency";
  public static final String FLUSH_LATENCY = "kafscale.storage.flush.latency";
  public static final String CACHE_HITS = "kafscale.storage.cache.hits";
  public static final String CACHE_MISSES = "kafscale.storage.cache.misses";
  public static final String CACHE_BYTES = "kafscale.storage.cache.bytes";
  public static final String CACHE_HIT_RATIO = "kafscale.storage.cache.hit.ratio";
  public static final String SEGMENT_READS = "kafscale.storage.segment.reads";

  private static final List<Description> DESCRIPTIONS =
      List.of(
          new Description(FLUSHES, Type.COUNTER, "Segments flushed and committed."),
          new Description(
              FLUSH_BYTES,
              Type.DISTRIBUTION_SUMMARY,
              "Bytes of record batches per committed flush."),
          new Description(
              FLUSH_BATCHES, Type.DISTRIBUTION_SUMMARY, "Record batches per committed flush."),
          new Description(
              FLUSH_FAILURES,
              Type.COUNTER,
              "Flushes whose upload or commit failed (tag cause=put|commit|fenced|encode)."),
          new Description(
              PUT_LATENCY, Type.TIMER, "Time to upload a flushed segment and its index."),
          new Description(
              COMMIT_LATENCY,
              Type.TIMER,
              "Time to commit a segment reference to the metadata store."),
          new Description(
              STAGED_WAIT,
              Type.TIMER,
              "Time the oldest batch of a flush was staged before the flush started (flush trigger wait)."),
          new Description(
              ENCODE_LATENCY,
              Type.TIMER,
              "Time to seal and encode a flush (offsets, segment, index)."),
          new Description(
              FLUSH_LATENCY,
              Type.TIMER,
              "Time from the start of a flush until its requests are answered (encode, upload, commit and"
                  + " the hand-offs between them)."),
          new Description(CACHE_HITS, Type.COUNTER, "Segment cache lookups that found the object."),
          new Description(CACHE_MISSES, Type.COUNTER, "Segment cache lookups that missed."),
          new Description(CACHE_BYTES, Type.GAUGE, "Bytes held by the segment cache."),
          new Description(
              CACHE_HIT_RATIO,
              Type.GAUGE,
              "Segment cache hits divided by lookups since the broker started (NaN before the"
                  + " first lookup)."),
          new Description(
              SEGMENT_READS,
              Type.COUNTER,
              "Segment or index objects read from the object store (tag kind=segment|index|prefetch)."));

  private final MeterRegistry registry;
  final Counter flushes;
  final DistributionSummary flushBytes;
  final DistributionSummary flushBatches;
  final Timer putLatency;
  final Timer commitLatency;
  final Timer stagedWait;
  final Timer encodeLatency;
  final Timer flushLatency;

  public StorageMeters(MeterRegistry registry, SegmentCache<?> cache) {
    this.registry = registry;
    this.flushes = registry.counter(FLUSHES);
    this.flushBytes = DistributionSummary.builder(FLUSH_BYTES).baseUnit("bytes").register(registry);
    this.flushBatches = DistributionSummary.builder(FLUSH_BATCHES).register(registry);
    this.putLatency = Timer.builder(PUT_LATENCY).register(registry);
    this.commitLatency = Timer.builder(COMMIT_LATENCY).register(registry);
    this.stagedWait = Timer.builder(STAGED_WAIT).register(registry);
    this.encodeLatency = Timer.builder(ENCODE_LATENCY).register(registry);
    this.flushLatency = Timer.builder(FLUSH_LATENCY).register(registry);
    FunctionCounter.builder(CACHE_HITS, cache, c -> c.stats().hits()).register(registry);
    FunctionCounter.builder(CACHE_MISSES, cache, c -> c.stats().misses()).register(registry);
    Gauge.builder(CACHE_BYTES, cache, c -> c.stats().bytes()).baseUnit("bytes").register(registry);
    Gauge.builder(CACHE_HIT_RATIO, cache, c -> hitRatio(c.stats())).register(registry);
  }

  /** Hits per lookup; NaN before the first lookup (no ratio is known yet, 0 would be a claim). */
  public static double hitRatio(SegmentCache.Stats stats) {
    long lookups = stats.hits() + stats.misses();
    return lookups == 0 ? Double.NaN : (double) stats.hits() / lookups;
  }

  /** The documentation of every meter, in a stable order. */
  public static List<Description> describe() {
    return DESCRIPTIONS;
  }

  /**
   * Starts a latency sample on the registry's clock (so tests with a mock clock stay
   * deterministic).
   */
  Timer.Sample startSample() {
    return Timer.start(registry);
  }

  void flushFailed(String cause) {
    registry.counter(FLUSH_FAILURES, "cause", cause).increment();
  }

  void segmentRead(String kind) {
    registry.counter(SEGMENT_READS, "kind", kind).increment();
  }
}
