/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic configs Kafscale accepts, with Kafka's defaults, types and value checks: the one table
 * behind CreateTopics/AlterConfigs validation, DescribeConfigs, the brokers' partition log
 * settings, the metadata registry's refusal of invalid values and the operator's KafscaleTopic
 * checks. Configs that cannot apply to a log on object storage (local flushing, preallocation,
 * index sizes, replica elections) are accepted and stored as no-ops so Kafka tools that set them
 * keep working; {@code docs/topic-configs.md} lists what each does here. Immutable and thread-safe.
 */
public final class TopicConfigCatalogue {

  /** Value type, with Kafka's DescribeConfigs config type id. */
  public enum Type {
    BOOLEAN(1),
    STRING(2),
    INT(3),
    LONG(5),
    DOUBLE(6),
    LIST(7);

    private final byte id;

    Type(int id) {
      this.id = (byte) id;
    }

    public byte id() {
      return id;
    }
  }

  /** One supported config: name, Kafka default, type, allowed values (empty: any of the type). */
  public record Definition(
      String name, String defaultValue, Type type, long min, Set<String> allowed, String doc) {}

  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
  public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
  public static final String CLEANUP_POLICY = "cleanup.policy";
  public static final String SEGMENT_BYTES = "segment.bytes";
  public static final String TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
  public static final String TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";

  private static final long NONE = Long.MIN_VALUE;
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Map<String, Definition> DEFINITIONS = build();

  private TopicConfigCatalogue() {}

  private static Map<String, Definition> build() {
    List<Definition> list =
        List.of(
            def(
                "cleanup.policy",
                "delete",
                Type.LIST,
                NONE,
                "delete,compact",
                "delete: retention.ms/retention.bytes remove whole old segments; compact: the"
                    + " compactor keeps the latest record per key (records need keys)"),
            def(
                "compression.type",
                "producer",
                Type.STRING,
                NONE,
                "uncompressed,zstd,lz4,snappy,gzip,producer",
                "Accepted and stored; batches are stored as produced"),
            def(
                "delete.retention.ms",
                "86400000",
                Type.LONG,
                0,
                "",
                "How long the compactor keeps tombstones (compacted topics)"),
            def(
                "file.delete.delay.ms",
                "60000",
                Type.LONG,
                0,
                "",
                "Accepted and stored; no effect (objects are deleted at once)"),
            def(
                "flush.messages",
                "9223372036854775807",
                Type.LONG,
                1,
                "",
                "Kafka local flush interval (no effect)"),
            def(
                "flush.ms",
                "9223372036854775807",
                Type.LONG,
                0,
                "",
                "Kafka local flush interval (no effect)"),
            def(
                "index.interval.bytes",
                "4096",
                Type.INT,
                0,
                "",
                "Accepted and stored; no effect (segment indexes use a fixed interval)"),
            def(
                "max.compaction.lag.ms",
                "9223372036854775807",
                Type.LONG,
                1,
                "",
                "Longest a record may stay uncompacted (compacted topics)"),
            def(
                MAX_MESSAGE_BYTES,
                "1048588",
                Type.INT,
                0,
                "",
                "Largest record batch accepted (MESSAGE_TOO_LARGE above)"),
            def(
                "message.timestamp.after.max.ms",
                "3600000",
                Type.LONG,
                0,
                "",
                "CreateTime only: batches timestamped further ahead of the broker clock get"
                    + " INVALID_TIMESTAMP"),
            def(
                "message.timestamp.before.max.ms",
                "9223372036854775807",
                Type.LONG,
                0,
                "",
                "CreateTime only: batches timestamped further behind the broker clock get"
                    + " INVALID_TIMESTAMP"),
            def(
                MESSAGE_TIMESTAMP_TYPE,
                "CreateTime",
                Type.STRING,
                NONE,
                "CreateTime,LogAppendTime",
                "LogAppendTime: the broker stamps batches with its clock at append"),
            def(
                "min.cleanable.dirty.ratio",
                "0.5",
                Type.DOUBLE,
                NONE,
                "",
                "Dirty share of a log that triggers compaction"),
            def(
                "min.compaction.lag.ms",
                "0",
                Type.LONG,
                0,
                "",
                "Shortest time a record stays uncompacted"),
            def(
                "min.insync.replicas",
                "1",
                Type.INT,
                1,
                "",
                "Minimum in-sync replicas (storage is replicated by the object store)"),
            def(
                "preallocate",
                "false",
                Type.BOOLEAN,
                NONE,
                "",
                "Preallocate segment files (no effect)"),
            def(
                "retention.bytes",
                "-1",
                Type.LONG,
                NONE,
                "",
                "Partition size above which the oldest segments are deleted (delete policy)"),
            def(
                "retention.ms",
                "604800000",
                Type.LONG,
                -1,
                "",
                "Age after which whole segments are deleted (delete policy; -1: never)"),
            def(
                "segment.bytes",
                "1073741824",
                Type.INT,
                14,
                "",
                "A flush starts once this many bytes are staged (when below KAFSCALE_SEGMENT_BYTES)"),
            def(
                "segment.index.bytes",
                "10485760",
                Type.INT,
                4,
                "",
                "Accepted and stored; no effect"),
            def("segment.jitter.ms", "0", Type.LONG, 0, "", "Accepted and stored; no effect"),
            def(
                "segment.ms",
                "604800000",
                Type.LONG,
                1,
                "",
                "Accepted and stored; segments are always closed within KAFSCALE_FLUSH_INTERVAL_MS"
                    + " (every flush writes a closed segment)"),
            def(
                "unclean.leader.election.enable",
                "false",
                Type.BOOLEAN,
                NONE,
                "",
                "Unclean leader election (no effect)"));
    Map<String, Definition> map = new LinkedHashMap<>();
    list.forEach(d -> map.put(d.name(), d));
    return Map.copyOf(map);
  }

  private static Definition def(
      String name, String dflt, Type type, long min, String allowed, String doc) {
    Set<String> values =
        allowed.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(allowed.split(",")));
    return new Definition(name, dflt, type, min, values, doc);
  }

  /** Every supported config, sorted by name. */
  public static List<Definition> all() {
    return DEFINITIONS.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  public static Optional<Definition> find(String name) {
    return Optional.ofNullable(DEFINITIONS.get(name));
  }

  /** Why {@code value} is not acceptable for config {@code name}, or empty when it is. */
  public static Optional<String> validate(String name, String value) {
    Definition def = DEFINITIONS.get(name);
    if (def == null) {
      return Optional.of("Unknown topic config name: " + name);
    }
    if (value == null) {
      return Optional.of("Null value not supported for topic config " + name);
    }
    String v = value.trim();
    try {
      switch (def.type()) {
        case INT -> checkMin(def, Integer.parseInt(v));
        case LONG -> checkMin(def, Long.parseLong(v));
        case DOUBLE -> checkRatio(Double.parseDouble(v));
        case BOOLEAN -> {
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
          }
        }
        case STRING -> checkAllowed(def, List.of(v));
        case LIST -> checkAllowed(def, Arrays.stream(v.split(",")).map(String::trim).toList());
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "Invalid value " + value + " for configuration " + name + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /** The one DOUBLE config, min.cleanable.dirty.ratio, is a ratio: Kafka requires [0, 1]. */
  private static void checkRatio(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("value must be between 0 and 1");
    }
  }

  private static void checkMin(Definition def, long value) {
    if (def.min() != NONE && value < def.min()) {
      throw new IllegalArgumentException("value must be at least " + def.min());
    }
  }

  private static void checkAllowed(Definition def, List<String> values) {
    if (!def.allowed().isEmpty() && !def.allowed().containsAll(values)) {
      throw new IllegalArgumentException("allowed values are " + def.allowed());
    }
  }

  /** The effective value: the stored override, else Kafka's default. */
  public static String effective(Map<String, String> stored, String name) {
    String v = stored.get(name);
    return v != null ? v : DEFINITIONS.get(name).defaultValue();
  }

  /** Whether a cleanup.policy value includes compaction. */
  public static boolean isCompact(String cleanupPolicy) {
    return Arrays.stream(cleanupPolicy.split(",")).map(String::trim).anyMatch("compact"::equals);
  }

  /**
   * Why a whole config map is not acceptable, or empty when every entry is: the first problem in
   * name order, so the same bad map always gets the same message.
   */
  public static Optional<String> validateAll(Map<String, String> configs) {
    List<String> names = configs.keySet().stream().sorted(NULLS_FIRST).toList();
    for (String name : names) {
      if (name == null) {
        return Optional.of("Null topic config name");
      }
      Optional<String> why = validate(name, configs.get(name));
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }
}
