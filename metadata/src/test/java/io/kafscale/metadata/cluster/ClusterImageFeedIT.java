/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import static io.kafscale.metadata.cluster.ClusterStoreWriter.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.testing.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed against a real etcd process: watches carry every key kind and lease revocation, and the
 * feed keeps following etcd across a restart of the etcd process (same data directory). The resync
 * interval is long so only the watches can carry changes here.
 */
class ClusterImageFeedIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration NO_RESYNC = Duration.ofHours(1);

  private final KeyLayout keys = KeyLayout.defaults();
  private EtcdServer server;
  private EtcdMetadataStore store;
  private ClusterStoreWriter writer;
  private ClusterImageFeed feed;

  @BeforeEach
  void start() {
    server = EtcdServer.start();
    store = EtcdMetadataStore.connect(EtcdConfig.of(List.of(server.endpoint())));
    writer = new ClusterStoreWriter(store, keys);
    feed = new ClusterImageFeed(store, keys, NO_RESYNC);
  }

  @AfterEach
  void stop() {
    feed.close();
    store.close();
    server.close();
  }

  private ClusterImage awaitImage(Predicate<ClusterImage> condition) {
    return join(feed.await(condition, WAIT));
  }

  @Test
  void shouldFollowEveryKeyKindAndLeaseRevocationInEtcd() {
    // Given
    writer.putTopic("orders", 2);
    join(feed.start());
    long lease = writer.grantLease(Duration.ofSeconds(30));
    // When
    writer.putBroker(1, lease);
    writer.putController(1);
    writer.putAssignment("orders", List.of(1, 1));
    long owned = writer.putOwner("orders", 1, 1, 4, lease);
    ClusterImage full = awaitImage(i -> i.revision() >= owned && i.owner("orders", 1).isPresent());
    join(store.revokeLease(lease));
    writer.delete(keys.controller());
    long last = writer.delete(keys.topic("orders"));
    // Then
    assertThat(full.brokers()).containsOnlyKeys(1);
    assertThat(full.controller()).isPresent();
    assertThat(full.topic("orders")).isPresent();
    assertThat(full.target("orders", 0)).isEqualTo(1);
    assertThat(full.owner("orders", 1)).contains(new OwnerRecord(1, 4, "inc-1"));
    ClusterImage after = awaitImage(i -> i.revision() >= last && i.topics().isEmpty());
    assertThat(after.brokers()).isEmpty();
    assertThat(after.owners()).isEmpty();
    assertThat(after.controller()).isEmpty();
    assertThat(after.assignments()).containsOnlyKeys("orders");
  }

  @Test
  void shouldKeepFollowingEtcdAfterTheEtcdProcessRestarts() {
    // Given
    writer.putBroker(1, 0);
    writer.putTopic("orders", 1);
    join(feed.start());
    // When
    server.restart();
    await().atMost(WAIT).ignoreExceptions().until(() -> writer.putBroker(2, 0) > 0);
    writer.delete(keys.broker(1));
    long last = writer.putOwner("orders", 0, 2, 1, 0);
    // Then
    ClusterImage image = awaitImage(i -> i.revision() >= last && i.owner("orders", 0).isPresent());
    assertThat(image.brokers()).containsOnlyKeys(2);
    assertThat(image.topics()).containsOnlyKeys("orders");
    assertThat(image.owner("orders", 0)).contains(new OwnerRecord(2, 1, "inc-2"));
  }
}
