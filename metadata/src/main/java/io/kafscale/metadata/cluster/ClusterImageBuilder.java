/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.codec.ConfigCodec;
import io.kafscale.metadata.codec.CorruptValueException;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.WatchEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutable state behind a {@link ClusterImage}: one slot per store key (its decoded record and
 * the revision that last modified it), fed by a snapshot and then by watch events, yielding
 * immutable images. Per key, the newest revision wins: a PUT replaces a slot only if it is newer, a
 * DELETE removes a slot only if it is older than the delete, so a replayed or late event never
 * rolls a key back. Values that do not decode are logged and leave the key empty. Pure apart from
 * logging; not thread-safe (the feed confines it to one thread).
 */
final class ClusterImageBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterImageBuilder.class);

  /** What one key holds once decoded. */
  private sealed interface Item {}

  private record BrokerItem(int brokerId, BrokerRecord record) implements Item {}

  private record ControllerItem(ControllerRecord record) implements Item {}

  private record TopicItem(String name, TopicRecord record) implements Item {}

  private record AssignmentItem(String topic, AssignmentRecord record) implements Item {}

  private record OwnerItem(PartitionRef partition, OwnerRecord record) implements Item {}

  private record BrokerDefaultsItem(Map<String, String> configs) implements Item {}

  /** A key's decoded content; {@code item} is null when the latest value did not decode. */
  private record Slot(long modRevision, Item item) {}

  private final KeyLayout keys;
  private final Map<String, Slot> slots = new HashMap<>();
  private long revision;

  /**
   * @param revision the store revision the snapshot about to be loaded is at least as new as
   */
  ClusterImageBuilder(KeyLayout keys, long revision) {
    this.keys = keys;
    this.revision = revision;
  }

  /** Adds one key of a snapshot read. */
  void load(KeyValue kv) {
    put(kv);
  }

  /**
   * Applies one revision's watch events; returns whether anything changed (a slot or the revision),
   * i.e. whether a new image should be published.
   */
  boolean apply(List<WatchEvent> batch) {
    boolean changed = false;
    for (WatchEvent e : batch) {
      changed |=
          switch (e.type()) {
            case PUT -> put(e.kv());
            case DELETE -> delete(e.kv().key(), e.revision());
          };
      if (e.revision() > revision) {
        revision = e.revision();
        changed = true;
      }
    }
    return changed;
  }

  /** The highest revision applied (or the snapshot revision). */
  long revision() {
    return revision;
  }

  /** An immutable image of the current slots. */
  ClusterImage build() {
    Map<Integer, BrokerRecord> brokers = new HashMap<>();
    Optional<ControllerRecord> controller = Optional.empty();
    Map<String, TopicRecord> topics = new HashMap<>();
    Map<String, AssignmentRecord> assignments = new HashMap<>();
    Map<PartitionRef, OwnerRecord> owners = new HashMap<>();
    Map<String, String> brokerDefaults = Map.of();
    for (Slot slot : slots.values()) {
      switch (slot.item()) {
        case BrokerItem b -> brokers.put(b.brokerId(), b.record());
        case ControllerItem c -> controller = Optional.of(c.record());
        case TopicItem t -> topics.put(t.name(), t.record());
        case AssignmentItem a -> assignments.put(a.topic(), a.record());
        case OwnerItem o -> owners.put(o.partition(), o.record());
        case BrokerDefaultsItem d -> brokerDefaults = d.configs();
        case null -> {
          // The key's latest value was corrupt: the key contributes nothing.
        }
      }
    }
    return new ClusterImage(
        revision, brokers, controller, topics, assignments, owners, brokerDefaults);
  }

  private boolean put(KeyValue kv) {
    Slot old = slots.get(kv.key());
    if (old != null && old.modRevision() >= kv.modRevision()) {
      return false;
    }
    Optional<Item> decoded;
    try {
      decoded = decode(kv);
    } catch (CorruptValueException | IllegalArgumentException e) {
      LOG.warn(
          "Skipping unreadable cluster metadata key={} revision={} error={}",
          kv.key(),
          kv.modRevision(),
          e.toString());
      slots.put(kv.key(), new Slot(kv.modRevision(), null));
      return true;
    }
    if (decoded.isEmpty()) {
      return false;
    }
    slots.put(kv.key(), new Slot(kv.modRevision(), decoded.get()));
    return true;
  }

  private boolean delete(String key, long deleteRevision) {
    Slot old = slots.get(key);
    if (old == null || old.modRevision() >= deleteRevision) {
      return false;
    }
    slots.remove(key);
    return true;
  }

  /** The record a key holds, or empty for a key the image does not track. */
  private Optional<Item> decode(KeyValue kv) {
    String key = kv.key();
    byte[] v = kv.value();
    if (key.equals(keys.brokerDefaultConfigs())) {
      return Optional.of(new BrokerDefaultsItem(ConfigCodec.decodeBrokerDefaults(v)));
    } else if (key.equals(keys.controller())) {
      return Optional.of(new ControllerItem(ProtoCodec.decodeController(v)));
    } else if (key.startsWith(keys.brokersPrefix())) {
      return Optional.of(new BrokerItem(keys.brokerIdOf(key), ProtoCodec.decodeBroker(v)));
    } else if (key.startsWith(keys.topicsPrefix())) {
      return Optional.of(new TopicItem(keys.topicNameOf(key), ProtoCodec.decodeTopic(v)));
    } else if (key.startsWith(keys.assignmentsPrefix())) {
      return Optional.of(
          new AssignmentItem(keys.topicOfAssignment(key), ProtoCodec.decodeAssignment(v)));
    } else if (key.startsWith(keys.ownersPrefix())) {
      return Optional.of(new OwnerItem(keys.partitionOfOwner(key), ProtoCodec.decodeOwner(v)));
    }
    return Optional.empty();
  }
}
