/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * Port through which log compaction looks inside record batches (which may be compressed) without
 * storage depending on kafka-clients. The broker adapts {@code
 * io.kafscale.protocol.records.KafkaBatchRewriter} with {@link #of}. Implementations must be
 * stateless and thread-safe; they never modify the input buffer (position, limit or content).
 */
public interface BatchRewriter {

  /** Receives the records of a batch in offset order. */
  @FunctionalInterface
  interface RecordSink {
    /**
     * @param key the record key (a read-only view valid only during the call), null when absent
     * @param tombstone whether the record's value is null
     */
    void record(long offset, ByteBuffer key, boolean tombstone);
  }

  /** Calls {@code sink} for every record of {@code batch} (exactly one magic-v2 batch). */
  void scan(ByteBuffer batch, RecordSink sink);

  /**
   * A new batch holding only the records of {@code batch} whose offset {@code keep} accepts, with
   * the original base offset, record offsets, timestamps, producer id/epoch/base sequence,
   * transactional flag and compression, covering the original offsets (last offset delta kept);
   * null when no record is kept. The returned buffer is owned by the caller.
   */
  ByteBuffer retain(ByteBuffer batch, LongPredicate keep);

  /**
   * A zero-record batch with the base and last offset, producer id/epoch/base sequence, leader
   * epoch and flags of {@code batch}, standing in for a batch whose records were all removed where
   * its offsets must stay covered by a batch. The returned buffer is owned by the caller.
   */
  ByteBuffer emptyHeader(ByteBuffer batch);

  /**
   * A rewriter made of two functions, without empty headers: compaction fails when it needs one
   * (kept for adapters predating {@link #emptyHeader}; use the three-function form).
   */
  static BatchRewriter of(
      BiConsumer<ByteBuffer, RecordSink> scanner,
      BiFunction<ByteBuffer, LongPredicate, ByteBuffer> retainer) {
    return of(
        scanner,
        retainer,
        b -> {
          throw new UnsupportedOperationException("this batch rewriter writes no empty headers");
        });
  }

  /** A rewriter made of three functions, for adapters that cannot implement this interface. */
  static BatchRewriter of(
      BiConsumer<ByteBuffer, RecordSink> scanner,
      BiFunction<ByteBuffer, LongPredicate, ByteBuffer> retainer,
      UnaryOperator<ByteBuffer> emptier) {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(retainer, "retainer");
    Objects.requireNonNull(emptier, "emptier");
    return new BatchRewriter() {
      @Override
      public ByteBuffer emptyHeader(ByteBuffer batch) {
        return emptier.apply(batch);
      }

      @Override
      public void scan(ByteBuffer batch, RecordSink sink) {
        scanner.accept(batch, sink);
      }

      @Override
      public ByteBuffer retain(ByteBuffer batch, LongPredicate keep) {
        return retainer.apply(batch, keep);
      }
    };
  }

  /** For logs opened without a rewriter: compaction fails instead of guessing. */
  BatchRewriter UNSUPPORTED =
      of(
          (b, s) -> {
            throw new UnsupportedOperationException("no batch rewriter configured");
          },
          (b, k) -> {
            throw new UnsupportedOperationException("no batch rewriter configured");
          });
}
