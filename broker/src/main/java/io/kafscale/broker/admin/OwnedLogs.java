/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.storage.log.PartitionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The open logs of the partitions a broker owns, found through its {@link TopicManager}. */
public final class OwnedLogs {
  private OwnedLogs() {}

  /**
   * Every open log this broker holds for a partition of a topic of the current image, in topic and
   * partition order (one map lookup per partition: cheap for an admin request).
   */
  public static List<PartitionLog> of(TopicManager topics) {
    List<PartitionLog> owned = new ArrayList<>();
    for (TopicRecord topic : topics.image().sorted()) {
      for (int p = 0; p < topic.partitionCount(); p++) {
        Optional<PartitionLog> log = topics.log(topic.name(), p);
        if (log.isPresent() && log.get().isOpen()) {
          owned.add(log.get());
        }
      }
    }
    return owned;
  }
}
