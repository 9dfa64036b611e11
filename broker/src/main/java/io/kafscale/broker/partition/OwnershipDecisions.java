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

/**
 * Decides what this broker must do with its partitions given the cluster image (pure): claim the
 * partitions assigned to it that no other broker holds, release (after a flush) the ones assigned
 * elsewhere, and drop at once the ones whose topic is gone or that were claimed again at a newer
 * epoch. Partitions with an action in flight are left alone until it completes.
 */
final class OwnershipDecisions {
  private OwnershipDecisions() {}

  /** What to do with one partition. */
  enum Kind {
    /** Assigned here and not held by another broker: claim a new epoch and open the log. */
    CLAIM,
    /** Open here but assigned elsewhere: stop appends, flush, close, delete the owner key. */
    RELEASE,
    /** Open here but the topic or partition is gone, or another broker owns it: close now. */
    DROP
  }

  record Action(Kind kind, PartitionRef partition) {}

  /**
   * @param openEpochs the partitions with an open log here, and the epoch of that log
   * @param inFlight partitions with a claim or release still running
   */
  static List<Action> decide(
      ClusterImage image,
      int self,
      Map<PartitionRef, Integer> openEpochs,
      Set<PartitionRef> inFlight) {
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<PartitionRef, Integer> open : openEpochs.entrySet()) {
      PartitionRef p = open.getKey();
      if (inFlight.contains(p)) {
        continue;
      }
      Optional<TopicRecord> topic = image.topic(p.topic());
      Optional<OwnerRecord> owner = image.owner(p.topic(), p.partition());
      if (topic.isEmpty() || p.partition() >= topic.get().partitionCount()) {
        actions.add(new Action(Kind.DROP, p));
      } else if (owner.isPresent() && owner.get().leaderEpoch() > open.getValue()) {
        // A newer claim. (An older owner key in the image is only the image lagging our claim.)
        actions.add(new Action(Kind.DROP, p));
      } else if (image.target(p.topic(), p.partition()) != self) {
        actions.add(new Action(Kind.RELEASE, p));
      }
    }
    for (TopicRecord topic : image.topics().values()) {
      for (int i = 0; i < topic.partitionCount(); i++) {
        PartitionRef p = new PartitionRef(topic.name(), i);
        if (image.target(p.topic(), i) != self
            || openEpochs.containsKey(p)
            || inFlight.contains(p)) {
          continue;
        }
        Optional<OwnerRecord> owner = image.owner(p.topic(), i);
        if (owner.isEmpty() || owner.get().brokerId() == self) {
          actions.add(new Action(Kind.CLAIM, p));
        }
      }
    }
    return actions;
  }
}
