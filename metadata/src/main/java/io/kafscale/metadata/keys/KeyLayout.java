/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.keys;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Objects;

/**
 * Every metadata-store key, built in one place under a root prefix (default {@value
 * #DEFAULT_ROOT}). Documented key by key in {@code docs/metadata.md}; the rationale is in {@code
 * docs/design/002-metadata-keys.md}. Prefixes end with {@code /} so that topic {@code a} never
 * matches topic {@code ab}. Immutable and thread-safe; pure.
 */
public final class KeyLayout {
  public static final String DEFAULT_ROOT = "/kafscale";
  private static final int OFFSET_DIGITS = 20;

  private final String root;

  /**
   * @param root prefix of every key, starting with {@code /} and not ending with one
   */
  public KeyLayout(String root) {
    Objects.requireNonNull(root, "root");
    if (!root.startsWith("/") || root.endsWith("/") || root.length() < 2) {
      throw new IllegalArgumentException("root must start with '/' and not end with '/': " + root);
    }
    this.root = root;
  }

  public static KeyLayout defaults() {
    return new KeyLayout(DEFAULT_ROOT);
  }

  public String root() {
    return root;
  }

  /** ClusterInfo: the cluster id, written once on first use. */
  public String clusterInfo() {
    return root + "/cluster";
  }

  /** Prefix of every topic key. */
  public String topicsPrefix() {
    return root + "/topics/";
  }

  /** Topic: one per topic. */
  public String topic(String name) {
    return topicsPrefix() + checkName(name);
  }

  /** The topic name of a key built by {@link #topic}. */
  public String topicNameOf(String topicKey) {
    if (!topicKey.startsWith(topicsPrefix())) {
      throw new IllegalArgumentException("not a topic key: " + topicKey);
    }
    return topicKey.substring(topicsPrefix().length());
  }

  /** Prefix of every key of every partition of a topic (state, segments, producers). */
  public String partitionsPrefix(String topic) {
    return root + "/partitions/" + checkName(topic) + "/";
  }

  /** Prefix of every key of one partition. */
  public String partitionPrefix(String topic, int partition) {
    return partitionsPrefix(topic) + checkPartition(partition) + "/";
  }

  /** PartitionState: owner, leader epoch, log start offset, high watermark. */
  public String partitionState(String topic, int partition) {
    return partitionPrefix(topic, partition) + "state";
  }

  /** Prefix of the partition's segment keys; they sort by base offset. */
  public String segmentsPrefix(String topic, int partition) {
    return partitionPrefix(topic, partition) + "segments/";
  }

  /**
   * Segment: one committed segment reference, base offset zero-padded to 20 digits so keys sort by
   * offset.
   */
  public String segment(String topic, int partition, long baseOffset) {
    if (baseOffset < 0) {
      throw new IllegalArgumentException("negative base offset " + baseOffset);
    }
    return segmentsPrefix(topic, partition) + String.format("%0" + OFFSET_DIGITS + "d", baseOffset);
  }

  /** Prefix of the partition's producer-state keys. */
  public String producersPrefix(String topic, int partition) {
    return partitionPrefix(topic, partition) + "producers/";
  }

  /** ProducerState: idempotence state of one producer on one partition. */
  public String producer(String topic, int partition, long producerId) {
    if (producerId < 0) {
      throw new IllegalArgumentException("negative producer id " + producerId);
    }
    return producersPrefix(topic, partition) + producerId;
  }

  /** ProducerIdBlock: the next producer id not yet reserved by any broker. */
  public String producerIdBlock() {
    return root + "/producer-ids/next";
  }

  /** Prefix of every broker registration key. */
  public String brokersPrefix() {
    return root + "/brokers/";
  }

  /** BrokerRegistration: one live broker, attached to its lease. */
  public String broker(int brokerId) {
    if (brokerId < 0) {
      throw new IllegalArgumentException("negative broker id " + brokerId);
    }
    return brokersPrefix() + brokerId;
  }

  /** The broker id of a key built by {@link #broker}. */
  public int brokerIdOf(String brokerKey) {
    return Integer.parseInt(suffixOf(brokerKey, brokersPrefix()));
  }

  /** ControllerRegistration: the elected controller, attached to its lease. */
  public String controller() {
    return root + "/controller";
  }

  /** Prefix of every partition owner key. */
  public String ownersPrefix() {
    return root + "/owners/";
  }

  /** Prefix of the owner keys of one topic's partitions. */
  public String ownersPrefix(String topic) {
    return ownersPrefix() + checkName(topic) + "/";
  }

  /** PartitionOwner: the live owner of one partition, attached to the owner's lease. */
  public String owner(String topic, int partition) {
    return ownersPrefix(topic) + checkPartition(partition);
  }

  /** The topic and partition of a key built by {@link #owner}. */
  public PartitionRef partitionOfOwner(String ownerKey) {
    String rest = suffixOf(ownerKey, ownersPrefix());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("not an owner key: " + ownerKey);
    }
    return new PartitionRef(rest.substring(0, slash), Integer.parseInt(rest.substring(slash + 1)));
  }

  /** Prefix of every topic assignment key. */
  public String assignmentsPrefix() {
    return root + "/assignments/";
  }

  /** TopicAssignment: the target broker of each partition of a topic, written by the controller. */
  public String assignment(String topic) {
    return assignmentsPrefix() + checkName(topic);
  }

  /** The topic name of a key built by {@link #assignment}. */
  public String topicOfAssignment(String assignmentKey) {
    return suffixOf(assignmentKey, assignmentsPrefix());
  }

  private static String suffixOf(String key, String prefix) {
    if (!key.startsWith(prefix) || key.length() == prefix.length()) {
      throw new IllegalArgumentException("not a key under " + prefix + ": " + key);
    }
    return key.substring(prefix.length());
  }

  /** Whether {@code key} is a segment key of some partition (as built by {@link #segment}). */
  public boolean isSegmentKey(String key) {
    return partitionKeyParts(key).length == 4 && partitionKeyParts(key)[2].equals("segments");
  }

  /** Whether {@code key} is a partition state key (as built by {@link #partitionState}). */
  public boolean isPartitionStateKey(String key) {
    String[] parts = partitionKeyParts(key);
    return parts.length == 3 && parts[2].equals("state");
  }

  private String[] partitionKeyParts(String key) {
    String prefix = root + "/partitions/";
    return key.startsWith(prefix) ? key.substring(prefix.length()).split("/", -1) : new String[0];
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "topic name");
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("invalid topic name for a key: '" + name + "'");
    }
    return name;
  }

  private static int checkPartition(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("negative partition " + partition);
    }
    return partition;
  }
}
