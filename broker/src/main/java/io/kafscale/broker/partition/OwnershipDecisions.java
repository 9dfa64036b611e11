/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what this broker must do with its partitions given the cluster image (pure): claim the
 * partitions assigned to it that no other broker holds, release (after a flush) the ones assigned
 * elsewhere, drop at once the ones whose topic is gone or re-created or that were claimed again at
 * a newer epoch, and delete owner keys of this broker left on partitions it no longer serves.
 * Partitions with an action in flight are left alone until it completes.
 */
final class OwnershipDecisions {
  private OwnershipDecisions() {}

  /** What to do with one partition. */
  enum Kind {
    /** Assigned here and not held by another broker: claim a new epoch and open the log. */
    CLAIM,
    /** Open here but assigned elsewhere: stop appends, flush, close, delete the owner key. */
    RELEASE,
    /**
     * Open here but the topic or partition is gone (or was re-created), or another claim is newer:
     * close now.
     */
    DROP,
    /**
     * Not open here, assigned elsewhere, but an owner key of this broker id is left (a claim whose
     * log never opened, a log fenced or dropped here): delete that key so the target can claim.
     */
    RELEASE_KEY
  }

  /** One action; {@code staleOwner} is the owner key to delete for {@link Kind#RELEASE_KEY}. */
  record Action(Kind kind, PartitionRef partition, OwnerRecord staleOwner) {
    Action(Kind kind, PartitionRef partition) {
      this(kind, partition, null);
    }
  }

  /** A log open here: its epoch and the id of the topic it was opened for. */
  record OpenLog(int epoch, UUID topicId) {}

  /**
   * @param open the partitions with an open log here
   * @param inFlight partitions with a claim, release or close still running
   */
  static List<Action> decide(
      ClusterImage image, int self, Map<PartitionRef, OpenLog> open, Set<PartitionRef> inFlight) {
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<PartitionRef, OpenLog> entry : open.entrySet()) {
      PartitionRef p = entry.getKey();
      if (inFlight.contains(p)) {
        continue;
      }
      Optional<TopicRecord> topic = image.topic(p.topic());
      Optional<OwnerRecord> owner = image.owner(p.topic(), p.partition());
      if (topic.isEmpty()
          || p.partition() >= topic.get().partitionCount()
          || !topic.get().topicId().equals(entry.getValue().topicId())) {
        actions.add(new Action(Kind.DROP, p));
      } else if (owner.isPresent() && owner.get().leaderEpoch() > entry.getValue().epoch()) {
        // A newer claim. (An older owner key in the image is only the image lagging our claim.)
        actions.add(new Action(Kind.DROP, p));
      } else if (image.target(p.topic(), p.partition()) != self) {
        actions.add(new Action(Kind.RELEASE, p));
      }
    }
    for (TopicRecord topic : image.topics().values()) {
      for (int i = 0; i < topic.partitionCount(); i++) {
        PartitionRef p = new PartitionRef(topic.name(), i);
        if (open.containsKey(p) || inFlight.contains(p)) {
          continue;
        }
        Optional<OwnerRecord> owner = image.owner(p.topic(), i);
        boolean ownKey = owner.isPresent() && owner.get().brokerId() == self;
        if (image.target(p.topic(), i) == self) {
          if (owner.isEmpty() || ownKey) {
            actions.add(new Action(Kind.CLAIM, p));
          }
        } else if (ownKey) {
          actions.add(new Action(Kind.RELEASE_KEY, p, owner.get()));
        }
      }
    }
    return actions;
  }
}
