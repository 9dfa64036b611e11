/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static io.kafscale.metadata.registry.store.StoreGroupRegistryTest.group;
import static io.kafscale.metadata.registry.store.StoreGroupRegistryTest.offset;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.StoredGroup;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group records and offsets against a real etcd process: its transaction limit (128 ops), its
 * byte-order prefix ranges over escaped group ids, and fencing by a real lease.
 */
class GroupRegistryEtcdIT {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();
  private static final String COORDINATORS = "__consumer_offsets";

  private final KeyLayout keys = KeyLayout.defaults();
  private MetadataStore store;
  private Metadata metadata;
  private BrokerSession coordinator;
  private CoordinatorFence fence;

  @BeforeEach
  void connect() {
    store = etcd.store();
    metadata = etcd.metadata();
    join(metadata.topics().create(COORDINATORS, 2, Map.of()));
    coordinator = session(store, 1);
    int epoch = join(metadata.partitions().claim(COORDINATORS, 1, coordinator)).leaderEpoch();
    fence = new CoordinatorFence(COORDINATORS, 1, coordinator, epoch);
  }

  @Test
  void shouldWriteLoadListAndDeleteGroupsWithOffsetsOfManyTopics() {
    // Given 300 topics of offsets (more than etcd's 128 ops per transaction) and tricky ids
    Map<String, Map<Integer, CommittedOffsetRecord>> offsets = new TreeMap<>();
    for (int t = 0; t < 300; t++) {
      offsets.put(String.format("topic-%03d", t), Map.of(0, offset(t), 7, offset(t + 7)));
    }
    // When
    join(metadata.groups().saveGroup(fence, group("app/one")));
    join(metadata.groups().writeOffsets(fence, "app/one", offsets));
    join(metadata.groups().writeOffsets(fence, "app", Map.of("orders", Map.of(0, offset(1)))));
    join(metadata.groups().saveGroup(fence, group("app%ü")));
    // Then
    StoredGroup loaded = join(metadata.groups().load("app/one"));
    assertThat(loaded.group()).contains(group("app/one"));
    assertThat(loaded.offsets())
        .hasSize(600)
        .containsEntry(new PartitionRef("topic-299", 7), offset(306));
    assertThat(join(metadata.groups().load("app")).offsets()).hasSize(1);
    assertThat(join(metadata.groups().listGroupIds())).containsExactly("app", "app%ü", "app/one");
    // When the group with 300 offset keys is deleted (one transaction)
    join(metadata.groups().deleteGroup(fence, "app/one"));
    // Then
    assertThat(join(store.getPrefix(keys.offsetsPrefix("app/one")))).isEmpty();
    assertThat(join(metadata.groups().listGroupIds())).containsExactly("app", "app%ü");
  }

  @Test
  void shouldRefuseACoordinatorWhoseLeaseWasRevoked() {
    // Given
    join(metadata.groups().writeOffsets(fence, "g", Map.of("orders", Map.of(0, offset(1)))));
    // When
    join(store.revokeLease(coordinator.leaseId()));
    // Then
    assertThat(
            failureOf(
                metadata.groups().writeOffsets(fence, "g", Map.of("orders", Map.of(0, offset(2))))))
        .isInstanceOf(FencedEpochException.class);
    assertThat(failureOf(metadata.groups().deleteGroup(fence, "g")))
        .isInstanceOf(FencedEpochException.class);
    assertThat(join(metadata.groups().load("g")).offsets())
        .containsOnly(Map.entry(new PartitionRef("orders", 0), offset(1)));
  }
}
