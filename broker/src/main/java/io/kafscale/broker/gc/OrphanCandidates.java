/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import io.kafscale.storage.segment.SegmentFormat;
import io.kafscale.storage.segment.SegmentKeys;

/**
 * Which listed objects garbage collection may ever delete: only segment and index objects of our
 * key layout ({@link SegmentKeys}) directly under the namespace, i.e. {@code
 * {namespace}/{topic}/{partition}/segment-{20 digits}…(.kfs|.index)}. Anything else in the bucket
 * (other namespaces nested below ours, foreign files, objects of other tools) is never a candidate.
 * Immutable, thread-safe and pure.
 */
public final class OrphanCandidates {
  private final String namespace;
  private final String prefix;

  /**
   * @param namespace the object-key namespace of this cluster ({@code KAFSCALE_S3_NAMESPACE});
   *     empty means keys start with the topic
   */
  public OrphanCandidates(String namespace) {
    String ns = namespace == null ? "" : namespace;
    this.namespace = ns;
    this.prefix = ns.isEmpty() ? "" : ns + "/";
  }

  /** The namespace, empty for none. */
  public String namespace() {
    return namespace;
  }

  /** The listing prefix that covers every candidate. */
  public String listingPrefix() {
    return prefix;
  }

  /** Whether {@code key} is a segment or index object of some partition of this namespace. */
  public boolean isCandidate(String key) {
    if (!key.startsWith(prefix)) {
      return false;
    }
    String[] parts = key.substring(prefix.length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !isPartition(parts[1])) {
      return false;
    }
    String name = parts[2];
    if (name.endsWith(SegmentFormat.SEGMENT_SUFFIX)) {
      return SegmentKeys.isSegmentKey(name);
    }
    if (name.endsWith(SegmentFormat.INDEX_SUFFIX)) {
      String asSegment =
          name.substring(0, name.length() - SegmentFormat.INDEX_SUFFIX.length())
              + SegmentFormat.SEGMENT_SUFFIX;
      return SegmentKeys.isSegmentKey(asSegment);
    }
    return false;
  }

  private static boolean isPartition(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
