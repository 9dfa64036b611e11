/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.StoredGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer groups and their committed offsets in the metadata store. Only a group's coordinator
 * writes them, and every write checks the coordinator's fence (its owner key of the coordinator
 * partition at its epoch), so a coordinator that lost its partition can never overwrite its
 * successor. Offsets are stored one key per group and topic holding every partition's offset of
 * that topic, so a commit of many partitions is a few puts. Thread-safe.
 */
public interface GroupRegistry {

  /** The group's record (absent if it has none) and every committed offset. */
  CompletableFuture<StoredGroup> load(String groupId);

  /** Ids of every group with a record or committed offsets, sorted. */
  CompletableFuture<List<String>> listGroupIds();

  /**
   * Stores the group's record. Fails with {@link FencedEpochException} when the fence no longer
   * holds.
   */
  CompletableFuture<Void> saveGroup(CoordinatorFence fence, GroupRecord group);

  /**
   * Replaces, for each given topic, the group's stored offsets of that topic with the given
   * partition-to-offset map (an empty map deletes the topic's offsets). One transaction when the
   * topics fit in one, else as few as the store allows. Fails with {@link FencedEpochException}
   * when the fence no longer holds.
   */
  CompletableFuture<Void> writeOffsets(
      CoordinatorFence fence,
      String groupId,
      Map<String, Map<Integer, CommittedOffsetRecord>> offsetsByTopic);

  /**
   * Deletes the group's record and all its offsets. Fails with {@link FencedEpochException} when
   * the fence no longer holds.
   */
  CompletableFuture<Void> deleteGroup(CoordinatorFence fence, String groupId);
}
