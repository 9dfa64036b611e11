/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.OwnerRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the API handlers ask about the cluster, answered from the latest image: the live brokers,
 * the controller, and the leader (live owner) of a partition with its epoch. Thread-safe.
 */
public final class ClusterView {
  private final Supplier<ClusterImage> images;
  private final BrokerRecord self;
  private final Supplier<BrokerSession> sessions;

  /** A partition's leader: its live broker and the epoch it claimed. */
  public record Leader(BrokerRecord broker, int epoch) {}

  /**
   * @param self this broker's registration, listed even before the image shows it
   */
  public ClusterView(Supplier<ClusterImage> images, BrokerRecord self) {
    this(images, self, () -> null);
  }

  /**
   * @param sessions this broker's current session (null while its lease is lost)
   */
  public ClusterView(
      Supplier<ClusterImage> images, BrokerRecord self, Supplier<BrokerSession> sessions) {
    this.images = images;
    this.self = self;
    this.sessions = sessions;
  }

  /**
   * This broker's current session, or null while its lease is lost (group writes are fenced by it).
   */
  public BrokerSession session() {
    return sessions.get();
  }

  public ClusterImage image() {
    return images.get();
  }

  /** Live brokers by id, this one included. */
  public List<BrokerRecord> brokers() {
    ClusterImage image = images.get();
    if (image.brokers().containsKey(self.brokerId())) {
      return image.brokers().values().stream()
          .sorted(Comparator.comparingInt(BrokerRecord::brokerId))
          .toList();
    }
    return Stream.concat(image.brokers().values().stream(), Stream.of(self))
        .sorted(Comparator.comparingInt(BrokerRecord::brokerId))
        .toList();
  }

  /** The controller's broker id, or this broker's before one is elected. */
  public int controllerId() {
    return images.get().controller().map(c -> c.brokerId()).orElse(self.brokerId());
  }

  /** The live owner of a partition, if its broker is registered. */
  public Optional<Leader> leader(String topic, int partition) {
    ClusterImage image = images.get();
    Optional<OwnerRecord> owner = image.owner(topic, partition);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    return image.broker(owner.get().brokerId()).map(b -> new Leader(b, owner.get().leaderEpoch()));
  }
}
