/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

/**
 * Builds the object-store keys of segments and their indexes: {@code
 * {namespace}/{topic}/{partition}/segment-{baseOffset:20 digits}-e{epoch}-{suffix}.kfs} and the
 * same name ending in {@code .index}. The zero-padded base offset keeps keys of a partition sorted
 * by offset in a listing; the epoch and unique suffix make every written key new, so an upload
 * never overwrites data. An empty namespace gives keys without a leading slash. Stateless.
 */
public final class SegmentKeys {

  private static final String SEGMENT_PREFIX = "segment-";
  private static final int OFFSET_DIGITS = 20;

  private SegmentKeys() {}

  public static String segmentKey(
      String namespace, String topic, int partition, long baseOffset, int epoch, String suffix) {
    if (baseOffset < 0) {
      throw new IllegalArgumentException("negative base offset " + baseOffset);
    }
    if (suffix == null || suffix.isEmpty() || suffix.indexOf('/') >= 0) {
      throw new IllegalArgumentException("unique suffix must be non-empty without '/': " + suffix);
    }
    return partitionPrefix(namespace, topic, partition)
        + SEGMENT_PREFIX
        + String.format("%0" + OFFSET_DIGITS + "d", baseOffset)
        + "-e"
        + epoch
        + "-"
        + suffix
        + SegmentFormat.SEGMENT_SUFFIX;
  }

  /** The index key that belongs to {@code segmentKey}. */
  public static String indexKeyFor(String segmentKey) {
    if (!segmentKey.endsWith(SegmentFormat.SEGMENT_SUFFIX)) {
      throw new IllegalArgumentException("not a segment key: " + segmentKey);
    }
    return segmentKey.substring(0, segmentKey.length() - SegmentFormat.SEGMENT_SUFFIX.length())
        + SegmentFormat.INDEX_SUFFIX;
  }

  /** {@code {namespace}/{topic}/{partition}/}, the listing prefix of one partition. */
  public static String partitionPrefix(String namespace, String topic, int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("negative partition " + partition);
    }
    return topicPrefix(namespace, topic) + partition + "/";
  }

  /** {@code {namespace}/{topic}/}, the listing prefix of all partitions of a topic. */
  public static String topicPrefix(String namespace, String topic) {
    if (topic == null || topic.isEmpty() || topic.indexOf('/') >= 0) {
      throw new IllegalArgumentException("invalid topic for a key: " + topic);
    }
    String ns = namespace == null ? "" : namespace;
    return ns.isEmpty() ? topic + "/" : ns + "/" + topic + "/";
  }

  /** True if the last path element of {@code key} is a segment object name. */
  public static boolean isSegmentKey(String key) {
    String name = fileName(key);
    return name.startsWith(SEGMENT_PREFIX)
        && name.endsWith(SegmentFormat.SEGMENT_SUFFIX)
        && name.length()
            >= SEGMENT_PREFIX.length() + OFFSET_DIGITS + SegmentFormat.SEGMENT_SUFFIX.length();
  }

  /**
   * The base offset encoded in a segment or index key (ours or KafScale's {@code segment-{20
   * digits}.kfs}).
   */
  public static long baseOffsetOf(String key) {
    String name = fileName(key);
    if (!name.startsWith(SEGMENT_PREFIX)
        || name.length() < SEGMENT_PREFIX.length() + OFFSET_DIGITS) {
      throw new IllegalArgumentException("not a segment key: " + key);
    }
    String digits =
        name.substring(SEGMENT_PREFIX.length(), SEGMENT_PREFIX.length() + OFFSET_DIGITS);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a segment key: " + key, e);
    }
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
