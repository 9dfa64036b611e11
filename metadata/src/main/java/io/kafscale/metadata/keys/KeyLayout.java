/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.keys;

import io.kafscale.metadata.model.PartitionRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

  /**
   * BrokerDefaultConfigs: the cluster-wide dynamic broker configs (Kafka's default broker
   * resource), one key for the whole cluster.
   */
  public String brokerDefaultConfigs() {
    return root + "/configs/brokers-default";
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

  /**
   * TopicEpochFloor: the highest leader epoch of a deleted topic of this name, so a re-created
   * topic never reuses an epoch of the old one.
   */
  public String epochFloor(String topic) {
    return root + "/epoch-floors/" + checkName(topic);
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

  /** Prefix of every group record key. */
  public String groupsPrefix() {
    return root + "/groups/";
  }

  /**
   * GroupMetadata: one consumer group's record. The group id is escaped (see {@link
   * #escapeGroupId}), so ids holding {@code /} or any other character make one key segment.
   */
  public String group(String groupId) {
    return groupsPrefix() + escapeGroupId(groupId);
  }

  /** The group id of a key built by {@link #group}. */
  public String groupIdOfGroupKey(String groupKey) {
    return unescapeGroupId(suffixOf(groupKey, groupsPrefix()));
  }

  /** Prefix of every group's committed-offsets keys. */
  public String offsetsPrefix() {
    return root + "/offsets/";
  }

  /**
   * Prefix of one group's committed-offsets keys (ends with {@code /}: group a never matches ab).
   */
  public String offsetsPrefix(String groupId) {
    return offsetsPrefix() + escapeGroupId(groupId) + "/";
  }

  /** TopicOffsets: every committed offset of one topic for one group. */
  public String offsets(String groupId, String topic) {
    return offsetsPrefix(groupId) + checkName(topic);
  }

  /** The group id of a key built by {@link #offsets}. */
  public String groupIdOfOffsetsKey(String offsetsKey) {
    return unescapeGroupId(offsetsKeyParts(offsetsKey)[0]);
  }

  /** The topic of a key built by {@link #offsets}. */
  public String topicOfOffsetsKey(String offsetsKey) {
    return offsetsKeyParts(offsetsKey)[1];
  }

  private String[] offsetsKeyParts(String offsetsKey) {
    String[] parts = suffixOf(offsetsKey, offsetsPrefix()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not an offsets key: " + offsetsKey);
    }
    return parts;
  }

  /** Prefix of every transaction coordinator state key. */
  public String transactionsPrefix() {
    return root + "/transactions/";
  }

  /**
   * TransactionState: one transactional id's coordinator state. The id is escaped like a group id
   * (see {@link #escapeGroupId}), so any Kafka transactional id makes one key segment.
   */
  public String transaction(String transactionalId) {
    return transactionsPrefix() + escapeGroupId(transactionalId);
  }

  /** The transactional id of a key built by {@link #transaction}. */
  public String transactionalIdOf(String transactionKey) {
    return unescapeGroupId(suffixOf(transactionKey, transactionsPrefix()));
  }

  /** Prefix of every group's pending transactional offset commits. */
  public String txnOffsetsPrefix() {
    return root + "/txn-offsets/";
  }

  /** Prefix of one group's pending transactional offsets (ends with {@code /}). */
  public String txnOffsetsPrefix(String groupId) {
    return txnOffsetsPrefix() + escapeGroupId(groupId) + "/";
  }

  /** PendingTxnOffsets: one producer's not yet committed transactional offsets for one group. */
  public String txnOffsets(String groupId, long producerId) {
    if (producerId < 0) {
      throw new IllegalArgumentException("negative producer id: " + producerId);
    }
    return txnOffsetsPrefix(groupId) + producerId;
  }

  /** The group id of a key built by {@link #txnOffsets}. */
  public String groupIdOfTxnOffsetsKey(String key) {
    return unescapeGroupId(txnOffsetsKeyParts(key)[0]);
  }

  /** The producer id of a key built by {@link #txnOffsets}. */
  public long producerIdOfTxnOffsetsKey(String key) {
    try {
      return Long.parseLong(txnOffsetsKeyParts(key)[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a txn offsets key: " + key, e);
    }
  }

  private String[] txnOffsetsKeyParts(String key) {
    String[] parts = suffixOf(key, txnOffsetsPrefix()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not a txn offsets key: " + key);
    }
    return parts;
  }

  /** Prefix of every ACL binding key. */
  public String aclsPrefix() {
    return root + "/acls/";
  }

  /**
   * AclBinding: one Kafka ACL, keyed by every field so each binding has exactly one key: {@code
   * acls/{type}/{pattern type}/{name}/{principal}/{host}/{operation}/{permission}}, the free-text
   * parts escaped like group ids (see {@link #escapeGroupId}).
   */
  public String acl(io.kafscale.metadata.acl.AclBinding binding) {
    var p = binding.pattern();
    var e = binding.entry();
    return aclsPrefix()
        + p.type()
        + "/"
        + p.patternType()
        + "/"
        + escapeGroupId(p.name())
        + "/"
        + escapeGroupId(e.principal())
        + "/"
        + escapeGroupId(e.host())
        + "/"
        + e.operation()
        + "/"
        + e.permission();
  }

  /** Prefix of every SCRAM credential key. */
  public String scramPrefix() {
    return root + "/scram/";
  }

  /** Prefix of one user's SCRAM credential keys (ends with {@code /}: user a never matches ab). */
  public String scramPrefix(String user) {
    return scramPrefix() + escapeGroupId(user) + "/";
  }

  /**
   * ScramCredential: one user's credential for one mechanism ({@code SCRAM-SHA-256} or {@code
   * SCRAM-SHA-512}); the user name is escaped like a group id (see {@link #escapeGroupId}).
   */
  public String scramCredential(String user, String mechanism) {
    Objects.requireNonNull(mechanism, "mechanism");
    if (mechanism.isEmpty() || !escapeGroupId(mechanism).equals(mechanism)) {
      throw new IllegalArgumentException("invalid SCRAM mechanism for a key: '" + mechanism + "'");
    }
    return scramPrefix(user) + mechanism;
  }

  /** The user of a key built by {@link #scramCredential}. */
  public String userOfScramKey(String key) {
    return unescapeGroupId(scramKeyParts(key)[0]);
  }

  /** The mechanism name of a key built by {@link #scramCredential}. */
  public String mechanismOfScramKey(String key) {
    return scramKeyParts(key)[1];
  }

  private String[] scramKeyParts(String key) {
    String[] parts = suffixOf(key, scramPrefix()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not a SCRAM credential key: " + key);
    }
    return parts;
  }

  /**
   * A group id as one key segment: printable ASCII other than {@code %} and {@code /} stays as it
   * is (readable in {@code etcdctl}); every other character is percent-encoded as its UTF-8 bytes
   * ({@code %XX}, upper-case hex). Keys therefore stay ASCII, so String order is etcd's byte order,
   * and the encoding is reversible. Kafka group ids may hold any character; only the empty id
   * (which Kafka rejects as INVALID_GROUP_ID) and ids that are not valid UTF-16 are refused.
   */
  public static String escapeGroupId(String groupId) {
    Objects.requireNonNull(groupId, "group id");
    if (groupId.isEmpty()) {
      throw new IllegalArgumentException("empty group id");
    }
    StringBuilder out = new StringBuilder(groupId.length() + 8);
    groupId
        .codePoints()
        .forEach(
            cp -> {
              if (isKeySafe(cp)) {
                out.append((char) cp);
                return;
              }
              if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
                throw new IllegalArgumentException("group id is not valid UTF-16: " + groupId);
              }
              for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
              }
            });
    return out.toString();
  }

  /**
   * The group id of a segment built by {@link #escapeGroupId}; refuses anything that escaping would
   * not have produced, so an id has exactly one key.
   */
  public static String unescapeGroupId(String escaped) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      int hi = i + 2 < escaped.length() ? Character.digit(escaped.charAt(i + 1), 16) : -1;
      int lo = i + 2 < escaped.length() ? Character.digit(escaped.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("bad escape in group id: " + escaped);
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    String id;
    try {
      id =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("escaped group id is not UTF-8: " + escaped, e);
    }
    if (id.isEmpty() || !escapeGroupId(id).equals(escaped)) {
      throw new IllegalArgumentException("not an escaped group id: " + escaped);
    }
    return id;
  }

  private static boolean isKeySafe(int cp) {
    return cp > ' ' && cp < 0x7F && cp != '%' && cp != '/';
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
