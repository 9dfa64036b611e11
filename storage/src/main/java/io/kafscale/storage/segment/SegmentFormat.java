/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

/**
 * The KafScale-compatible segment ({@code .kfs}) and index ({@code .index}) layouts. All integers
 * are big-endian. Stateless constants.
 *
 * <pre>
 * segment: header (32)  "KAFS" | u16 version=1 | u16 flags=0 | i64 base offset | i32 record count
 *                       | i64 created unix ms | u32 reserved=0
 *          body         Kafka v2 record batches, verbatim except their base offsets
 *          footer (16)  u32 CRC-32C of the body | i64 last offset | "END!"
 * index:   header (16)  "IDX\0" | u16 version=1 | i32 entry count | i32 interval | u16 reserved=0
 *          entries (12) i64 offset | i32 position of a batch start, relative to the segment start
 * </pre>
 */
public final class SegmentFormat {

  /** "KAFS". */
  public static final int SEGMENT_MAGIC = 0x4B414653;

  /** "END!". */
  public static final int FOOTER_MAGIC = 0x454E4421;

  /** "IDX\0". */
  public static final int INDEX_MAGIC = 0x49445800;

  public static final short SEGMENT_VERSION = 1;
  public static final short INDEX_VERSION = 1;

  public static final int HEADER_SIZE = 32;
  public static final int FOOTER_SIZE = 16;
  public static final int INDEX_HEADER_SIZE = 16;
  public static final int INDEX_ENTRY_SIZE = 12;

  // Segment header field offsets.
  public static final int HEADER_MAGIC_OFFSET = 0;
  public static final int HEADER_VERSION_OFFSET = 4;
  public static final int HEADER_FLAGS_OFFSET = 6;
  public static final int HEADER_BASE_OFFSET_OFFSET = 8;
  public static final int HEADER_RECORD_COUNT_OFFSET = 16;
  public static final int HEADER_CREATED_MS_OFFSET = 20;
  public static final int HEADER_RESERVED_OFFSET = 28;

  /**
   * Header flag of segments written by log compaction: batches keep their original offsets, so they
   * may leave gaps (before the first batch and between batches); the header base offset and footer
   * last offset still give the range the segment covers.
   */
  public static final short FLAG_OFFSET_GAPS = 0x1;

  // Footer field offsets, relative to the footer start.
  public static final int FOOTER_CRC_OFFSET = 0;
  public static final int FOOTER_LAST_OFFSET_OFFSET = 4;
  public static final int FOOTER_MAGIC_OFFSET = 12;

  // Index header field offsets.
  public static final int INDEX_MAGIC_OFFSET = 0;
  public static final int INDEX_VERSION_OFFSET = 4;
  public static final int INDEX_COUNT_OFFSET = 6;
  public static final int INDEX_INTERVAL_OFFSET = 10;
  public static final int INDEX_RESERVED_OFFSET = 14;

  /** Object key suffixes. */
  public static final String SEGMENT_SUFFIX = ".kfs";

  public static final String INDEX_SUFFIX = ".index";

  private SegmentFormat() {}
}
