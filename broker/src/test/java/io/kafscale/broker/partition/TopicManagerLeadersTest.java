/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicManagerLeadersTest {
  private static final UUID ID = UUID.randomUUID();

  @Test
  void shouldNotTakeAnImageFromBeforeCreatePartitionsForTheGrownTopic() {
    // Given: the image still shows the topic with its old count, every old partition owned
    TopicRecord grown = topic(ID, 3);
    ClusterImage before = image(topic(ID, 1), 1);
    ClusterImage after = image(grown, 3);
    // Then
    assertThat(TopicManager.hasLeaders(before, grown)).isFalse();
    assertThat(TopicManager.hasLeaders(after, grown)).isTrue();
  }

  @Test
  void shouldWaitForEveryPartitionOwnerAndForTheSameTopicId() {
    TopicRecord topic = topic(ID, 3);
    assertThat(TopicManager.hasLeaders(image(topic, 2), topic)).isFalse();
    assertThat(TopicManager.hasLeaders(image(topic(UUID.randomUUID(), 3), 3), topic)).isFalse();
    assertThat(TopicManager.hasLeaders(ClusterImage.empty(), topic)).isFalse();
  }

  private static TopicRecord topic(UUID id, int partitions) {
    return new TopicRecord("grow", id, partitions, Map.of(), 0);
  }

  /** An image holding {@code topic} with its first {@code owned} partitions owned by broker 0. */
  private static ClusterImage image(TopicRecord topic, int owned) {
    Map<PartitionRef, OwnerRecord> owners = new HashMap<>();
    for (int p = 0; p < owned; p++) {
      owners.put(new PartitionRef(topic.name(), p), new OwnerRecord(0, 1, "i"));
    }
    return new ClusterImage(
        7, Map.of(), Optional.empty(), Map.of(topic.name(), topic), Map.of(), owners);
  }
}
