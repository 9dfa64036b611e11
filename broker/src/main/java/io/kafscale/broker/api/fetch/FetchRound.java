/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import io.kafscale.broker.api.ApiMeters;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.protocol.records.RecordBatches;
import io.kafscale.storage.log.AbortedTxn;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.ReadResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;

/**
 * One pass over the partitions of a fetch: reads them in request order within the response byte
 * budget, always letting the first partition with data return a whole batch (KIP-74), and remembers
 * each log's high watermark as seen so a long poll can wait for it to move. Not thread-safe: one
 * round is driven by one future chain.
 */
final class FetchRound {
  private final List<PartitionData> results = new ArrayList<>();
  private final Map<PartitionLog, Long> seenHighWatermarks = new IdentityHashMap<>();
  private final ApiMeters meters;
  private final boolean readCommitted;
  private int bytes;
  private boolean anyError;

  private FetchRound(ApiMeters meters, boolean readCommitted) {
    this.meters = meters;
    this.readCommitted = readCommitted;
  }

  /** Reads every target in order at isolation level read_uncommitted. */
  static CompletableFuture<FetchRound> run(
      List<FetchTarget> targets, int responseMaxBytes, ApiMeters meters) {
    return run(targets, responseMaxBytes, meters, false);
  }

  /**
   * Reads every target in order; with {@code readCommitted} only below each partition's last stable
   * offset, with its aborted transactions. Completes with the finished round.
   */
  static CompletableFuture<FetchRound> run(
      List<FetchTarget> targets, int responseMaxBytes, ApiMeters meters, boolean readCommitted) {
    FetchRound round = new FetchRound(meters, readCommitted);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (FetchTarget target : targets) {
      chain = chain.thenCompose(v -> round.read(target, responseMaxBytes));
    }
    return chain.thenApply(v -> round);
  }

  List<PartitionData> results() {
    return results;
  }

  int bytes() {
    return bytes;
  }

  boolean anyError() {
    return anyError;
  }

  Map<PartitionLog, Long> seenHighWatermarks() {
    return seenHighWatermarks;
  }

  private CompletableFuture<Void> read(FetchTarget target, int responseMaxBytes) {
    int index = target.partition().partition();
    Errors precheck = target.precheck();
    if (precheck != Errors.NONE) {
      addError(index, precheck);
      return CompletableFuture.completedFuture(null);
    }
    PartitionLog log = target.log();
    int budget = Math.min(target.partition().partitionMaxBytes(), responseMaxBytes - bytes);
    boolean first = bytes == 0;
    if (budget <= 0 && !first) {
      // Response full: report offsets only, as Kafka does.
      add(
          index,
          new ReadResult(
              List.of(),
              log.highWatermark(),
              log.logStartOffset(),
              log.lastStableOffset(),
              List.of()));
      seenHighWatermarks.put(log, log.highWatermark());
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<ReadResult> read;
    try {
      read = log.read(target.partition().fetchOffset(), Math.max(0, budget), first, readCommitted);
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    return read.handle(
        (r, e) -> {
          if (e != null) {
            addError(index, ErrorMapping.of(e));
          } else {
            add(index, r);
            seenHighWatermarks.put(log, r.highWatermark());
            int size = r.sizeInBytes();
            bytes += size;
            if (size > 0) {
              meters.bytesOut(target.topicName(), size);
            }
          }
          return null;
        });
  }

  /**
   * The partition's answer: offsets (the last stable offset whatever the isolation level, as Kafka
   * reports it) and, for read_committed, the aborted transactions overlapping the data (an empty
   * list rather than null, as Kafka answers read_committed fetches).
   */
  private void add(int index, ReadResult r) {
    PartitionData data =
        new PartitionData()
            .setPartitionIndex(index)
            .setErrorCode(Errors.NONE.code())
            .setHighWatermark(r.highWatermark())
            .setLastStableOffset(r.lastStableOffset())
            .setLogStartOffset(r.logStartOffset())
            .setRecords(RecordBatches.fetchRecords(r.batches()));
    if (readCommitted) {
      List<AbortedTransaction> aborted = new ArrayList<>();
      for (AbortedTxn t : r.abortedTransactions()) {
        aborted.add(
            new AbortedTransaction().setProducerId(t.producerId()).setFirstOffset(t.firstOffset()));
      }
      data.setAbortedTransactions(aborted);
    }
    results.add(data);
  }

  private void addError(int index, Errors error) {
    anyError = true;
    meters.fetchError(error);
    results.add(
        new PartitionData()
            .setPartitionIndex(index)
            .setErrorCode(error.code())
            .setHighWatermark(-1)
            .setLastStableOffset(-1)
            .setLogStartOffset(-1)
            .setRecords(RecordBatches.empty()));
  }
}
