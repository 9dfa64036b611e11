/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention trims ({@code PartitionRegistry.trimSegments}) and the garbage collector's view of
 * segment references ({@link SegmentReferences}) against a real etcd: more segments than etcd
 * allows operations in one transaction, and fencing by a real lease.
 */
class SegmentTrimEtcdIT {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();
  private static final int SEGMENTS = 200; // > 128 ops per etcd transaction

  private final KeyLayout keys = KeyLayout.defaults();
  private MetadataStore store;
  private Metadata metadata;
  private StorePartitionRegistry partitions;

  @BeforeEach
  void connect() {
    store = etcd.store();
    metadata = etcd.metadata();
    partitions = new StorePartitionRegistry(store, keys);
    join(metadata.topics().create("orders", 1, Map.of()));
  }

  private static SegmentRecord segment(long base, int epoch) {
    return SegmentRecord.flushed(
        "ns/orders/0/obj-" + base,
        "ns/orders/0/idx-" + base,
        0,
        100,
        base,
        base + 9,
        1000 + base,
        epoch,
        0xCAFE,
        5000);
  }

  private List<SegmentRecord> commitAll(int epoch) {
    List<SegmentRecord> all = new ArrayList<>();
    for (int i = 0; i < SEGMENTS; i++) {
      SegmentRecord s = segment(i * 10L, epoch);
      join(partitions.commitSegment("orders", 0, epoch, s, List.of()));
      all.add(s);
    }
    return all;
  }

  @Test
  void shouldTrimMoreSegmentsThanOneTransactionHoldsAndDropTheirReferences() {
    // Given
    int epoch = join(partitions.claim("orders", 0, session(store, 1))).leaderEpoch();
    List<SegmentRecord> all = commitAll(epoch);
    assertThat(join(new SegmentReferences(store, keys).objectKeys())).hasSize(2 * SEGMENTS);
    List<SegmentRecord> removed = all.subList(0, 150);

    // When
    join(partitions.trimSegments("orders", 0, epoch, 1500, removed));

    // Then the references, the segment keys and the log start moved together
    var referenced = join(new SegmentReferences(store, keys).objectKeys());
    assertThat(referenced).hasSize(2 * (SEGMENTS - 150));
    assertThat(referenced).doesNotContain("ns/orders/0/obj-0", "ns/orders/0/idx-1490");
    assertThat(referenced).contains("ns/orders/0/obj-1500", "ns/orders/0/idx-1990");
    assertThat(join(store.getPrefix(keys.segmentsPrefix("orders", 0)))).hasSize(SEGMENTS - 150);
    var state =
        ProtoCodec.decodePartitionState(
            join(store.get(keys.partitionState("orders", 0))).orElseThrow().value());
    assertThat(state.logStartOffset()).isEqualTo(1500);
    assertThat(state.highWatermark()).isEqualTo(SEGMENTS * 10L);
  }

  @Test
  void shouldFenceATrimOnceTheOwnersLeaseIsGone() {
    // Given
    var one = session(store, 1);
    int epoch = join(partitions.claim("orders", 0, one)).leaderEpoch();
    List<SegmentRecord> all = commitAll(epoch);

    // When the owner's lease is revoked (its owner key vanishes)
    join(store.revokeLease(one.leaseId()));

    // Then its trim is refused and nothing was removed
    assertThat(failureOf(partitions.trimSegments("orders", 0, epoch, 10, all.subList(0, 1))))
        .isInstanceOf(FencedEpochException.class);
    assertThat(join(store.getPrefix(keys.segmentsPrefix("orders", 0)))).hasSize(SEGMENTS);
  }
}
