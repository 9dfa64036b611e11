/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.cache.SegmentCache;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.segment.SegmentIndex;
import io.kafscale.storage.segment.SegmentReader;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Committed segments as the object store and the shared {@link SegmentCache} hold them: whole
 * segments are fetched with one ranged GET, checked ({@link SegmentReader#parse}) and cached; large
 * segments are read in pieces located with their index. Concurrent loads of one segment share one
 * GET. Shared by every log of a broker; thread-safe. Parsing runs on {@code executor}, never on the
 * object store's I/O threads.
 */
final class SegmentSource {

  /** Cached values: a parsed segment, or a decoded index with the size of its object. */
  sealed interface Cached {
    long weight();
  }

  record CachedSegment(SegmentView view) implements Cached {
    @Override
    public long weight() {
      return view.sizeInBytes();
    }
  }

  record CachedIndex(SegmentIndex index, long weight) implements Cached {}

  private static final int MIN_RANGE_BYTES = 1 << 20;

  private final ObjectStore store;
  private final SegmentCache<Cached> cache;
  private final StorageMeters meters;
  private final Executor executor;
  private final long wholeSegmentMaxBytes;
  private final ConcurrentHashMap<String, CompletableFuture<SegmentView>> loading =
      new ConcurrentHashMap<>();

  SegmentSource(
      ObjectStore store,
      SegmentCache<Cached> cache,
      StorageMeters meters,
      Executor executor,
      long wholeSegmentMaxBytes) {
    this.store = store;
    this.cache = cache;
    this.meters = meters;
    this.executor = executor;
    this.wholeSegmentMaxBytes = wholeSegmentMaxBytes;
  }

  static String cacheKey(SegmentRef ref) {
    return ref.objectKey() + "@" + ref.position();
  }

  /** Segments up to this size are read whole, so they need no index object. */
  long wholeSegmentMaxBytes() {
    return wholeSegmentMaxBytes;
  }

  /** Whether reads of {@code ref} fetch the whole segment (else: index-located ranges). */
  boolean readsWhole(SegmentRef ref) {
    return ref.length() <= wholeSegmentMaxBytes || ref.indexKey() == null;
  }

  void remember(SegmentRef ref, SegmentView view) {
    cache.put(cacheKey(ref), new CachedSegment(view));
  }

  /** Drops {@code ref} and its index from the cache (the segment was deleted). */
  void forget(SegmentRef ref) {
    cache.invalidate(cacheKey(ref));
    if (ref.indexKey() != null) {
      cache.invalidate(ref.indexKey());
    }
  }

  /** The checked segment from the cache, or fetched from the object store and cached. */
  CompletableFuture<SegmentView> load(SegmentRef ref) {
    return load(ref, "segment");
  }

  /**
   * The checked segment from the cache, or fetched from the object store without caching it: for
   * background work (compaction) that reads each segment once and must not evict what consumers
   * read. Parses (and completes) on {@code parseOn}.
   */
  CompletableFuture<SegmentView> loadUncached(SegmentRef ref, Executor parseOn) {
    if (cache.get(cacheKey(ref)).orElse(null) instanceof CachedSegment(SegmentView view)) {
      return CompletableFuture.completedFuture(view);
    }
    meters.segmentRead("compaction");
    return store
        .getRange(ref.objectKey(), ref.position(), ref.length())
        .thenApplyAsync(bytes -> check(ref, SegmentReader.parse(bytes)), parseOn)
        .exceptionally(
            err -> {
              throw readFailed(ref, err);
            });
  }

  /** Warms the cache with {@code ref} unless it is there already (read-ahead). */
  void prefetch(SegmentRef ref) {
    if (readsWhole(ref) && !cache.contains(cacheKey(ref))) {
      load(ref, "prefetch");
    }
  }

  private CompletableFuture<SegmentView> load(SegmentRef ref, String kind) {
    String key = cacheKey(ref);
    if (cache.get(key).orElse(null) instanceof CachedSegment(SegmentView view)) {
      return CompletableFuture.completedFuture(view);
    }
    CompletableFuture<SegmentView> mine = new CompletableFuture<>();
    CompletableFuture<SegmentView> existing = loading.putIfAbsent(key, mine);
    if (existing != null) {
      return existing;
    }
    meters.segmentRead(kind);
    store
        .getRange(ref.objectKey(), ref.position(), ref.length())
        .thenApplyAsync(bytes -> check(ref, SegmentReader.parse(bytes)), executor)
        .whenComplete(
            (view, err) -> {
              loading.remove(key, mine);
              if (err != null) {
                mine.completeExceptionally(readFailed(ref, err));
              } else {
                cache.put(key, new CachedSegment(view));
                mine.complete(view);
              }
            });
    return mine;
  }

  private static SegmentView check(SegmentRef ref, SegmentView view) {
    if (view.baseOffset() != ref.baseOffset()
        || view.lastOffset() != ref.lastOffset()
        || view.crc() != ref.crc()) {
      throw new StorageException(
          StorageException.Reason.READ_FAILED,
          "segment " + ref.objectKey() + " does not match its reference");
    }
    return view;
  }

  /**
   * Batches of a large segment for a fetch at {@code offset}: the index gives the start position, a
   * ranged GET of about {@code maxBytes} (at least 1 MiB) is scanned for whole batches, and a batch
   * cut off by the range end is fetched again with its exact size when it is the first one needed.
   * Null when no batch of the segment ends at or after {@code offset} (possible only in compacted
   * segments, whose batches may leave gaps).
   */
  CompletableFuture<List<ByteBuffer>> readRange(
      SegmentRef ref, long offset, int maxBytes, boolean minOneBatch) {
    return index(ref)
        .thenCompose(
            index ->
                readFrom(
                    ref,
                    index.positionFor(offset),
                    offset,
                    maxBytes,
                    minOneBatch,
                    rangeSize(maxBytes)));
  }

  private CompletableFuture<List<ByteBuffer>> readFrom(
      SegmentRef ref, int position, long offset, int maxBytes, boolean minOneBatch, int length) {
    int end = ref.length() - io.kafscale.storage.segment.SegmentFormat.FOOTER_SIZE;
    int len = Math.min(length, end - position);
    if (len <= 0) {
      return CompletableFuture.completedFuture(List.of());
    }
    meters.segmentRead("range");
    return store
        .getRange(ref.objectKey(), ref.position() + position, len)
        .thenComposeAsync(
            buf -> {
              List<BatchHeader> headers = SegmentReader.scanBatches(buf, position);
              List<BatchHeader> selected =
                  SegmentReader.selectBatches(headers, offset, maxBytes, minOneBatch);
              if (!selected.isEmpty()) {
                return CompletableFuture.completedFuture(slices(buf, position, selected));
              }
              int scanned =
                  headers.isEmpty()
                      ? position
                      : headers.getLast().position() + headers.getLast().sizeInBytes();
              boolean more = scanned < end;
              boolean fitsNothing = !headers.isEmpty() && headers.getLast().lastOffset() >= offset;
              if (fitsNothing) {
                return CompletableFuture.completedFuture(List.<ByteBuffer>of());
              }
              if (!more) {
                // No batch ends at or after the offset: a compacted segment's trailing gap.
                return CompletableFuture.completedFuture((List<ByteBuffer>) null);
              }
              // The batch we need starts at `scanned` but was cut off: fetch it whole.
              int need =
                  buf.remaining() - (scanned - position) >= 12
                      ? buf.getInt(buf.position() + scanned - position + 8) + 12
                      : length;
              return readFrom(ref, scanned, offset, maxBytes, minOneBatch, Math.max(need, length));
            },
            executor)
        .exceptionally(
            err -> {
              throw readFailed(ref, err);
            });
  }

  private static List<ByteBuffer> slices(ByteBuffer buf, int position, List<BatchHeader> selected) {
    return selected.stream()
        .map(
            h ->
                buf.slice(buf.position() + h.position() - position, h.sizeInBytes())
                    .asReadOnlyBuffer())
        .toList();
  }

  private static int rangeSize(int maxBytes) {
    int wanted = Math.max(maxBytes, MIN_RANGE_BYTES);
    int rounded = (wanted + MIN_RANGE_BYTES - 1) / MIN_RANGE_BYTES * MIN_RANGE_BYTES;
    return rounded > 0 ? rounded : Integer.MAX_VALUE;
  }

  private CompletableFuture<SegmentIndex> index(SegmentRef ref) {
    if (cache.get(ref.indexKey()).orElse(null)
        instanceof CachedIndex(SegmentIndex index, long weight)) {
      return CompletableFuture.completedFuture(index);
    }
    meters.segmentRead("index");
    return store
        .get(ref.indexKey())
        .thenApplyAsync(
            bytes -> {
              SegmentIndex index = SegmentIndex.decode(bytes);
              cache.put(ref.indexKey(), new CachedIndex(index, bytes.remaining()));
              return index;
            },
            executor);
  }

  private static StorageException readFailed(SegmentRef ref, Throwable err) {
    Throwable cause =
        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (cause instanceof StorageException se) {
      return se;
    }
    return new StorageException(
        StorageException.Reason.READ_FAILED,
        "reading segment " + ref.objectKey() + " failed: " + cause.getMessage(),
        cause);
  }
}
