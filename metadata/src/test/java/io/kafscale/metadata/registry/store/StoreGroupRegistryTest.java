/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.GroupMemberRecord;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.StoredGroup;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group records and committed offsets over the in-memory store, fenced by coordinator ownership.
 */
class StoreGroupRegistryTest {
  private static final String COORDINATORS = "__consumer_offsets";

  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final CountingStore store = new CountingStore(memory);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);
  private final StoreGroupRegistry registry = new StoreGroupRegistry(store, keys);
  private BrokerSession coordinator;
  private CoordinatorFence fence;

  @BeforeEach
  void claimCoordinatorPartition() {
    join(metadata.topics().create(COORDINATORS, 4, Map.of()));
    coordinator = session(memory, 1);
    int epoch = join(metadata.partitions().claim(COORDINATORS, 0, coordinator)).leaderEpoch();
    fence = new CoordinatorFence(COORDINATORS, 0, coordinator, epoch);
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  static GroupRecord group(String id) {
    GroupMemberRecord staticMember =
        new GroupMemberRecord(
            "m-1",
            Optional.of("instance-1"),
            "client-1",
            "/127.0.0.1",
            60_000,
            45_000,
            new byte[] {0, 1, 2, (byte) 0xFF},
            new byte[] {9, 8, 7});
    GroupMemberRecord dynamicMember =
        new GroupMemberRecord(
            "m-2",
            Optional.empty(),
            "client-2",
            "/127.0.0.2",
            30_000,
            10_000,
            new byte[0],
            new byte[0]);
    return new GroupRecord(
        id,
        Optional.of("consumer"),
        7,
        Optional.of("range"),
        Optional.of("m-1"),
        List.of(staticMember, dynamicMember),
        123_456L);
  }

  static CommittedOffsetRecord offset(long offset) {
    return new CommittedOffsetRecord(offset, 3, "meta-" + offset, 1_000 + offset);
  }

  @Test
  void shouldLoadTheSavedGroupWithItsMembersBytesAndOptionalFields() {
    // Given
    GroupRecord full = group("g");
    GroupRecord bare =
        new GroupRecord(
            "bare", Optional.empty(), 0, Optional.empty(), Optional.empty(), List.of(), 5L);
    // When
    join(registry.saveGroup(fence, full));
    join(registry.saveGroup(fence, bare));
    // Then
    StoredGroup loaded = join(registry.load("g"));
    assertThat(loaded.group()).contains(full);
    GroupMemberRecord member = loaded.group().orElseThrow().members().get(0);
    assertThat(member.subscription()).containsExactly(0, 1, 2, 0xFF);
    assertThat(member.assignment()).containsExactly(9, 8, 7);
    assertThat(member.groupInstanceId()).contains("instance-1");
    assertThat(loaded.group().orElseThrow().members().get(1).groupInstanceId()).isEmpty();
    assertThat(join(registry.load("bare")).group()).contains(bare);
  }

  @Test
  void shouldKeepAnEmptyButPresentOptionalStringApartFromAnAbsentOne() {
    // Given
    GroupRecord emptyStrings =
        new GroupRecord("g", Optional.of(""), 1, Optional.of(""), Optional.of(""), List.of(), 5L);
    // When
    join(registry.saveGroup(fence, emptyStrings));
    // Then
    assertThat(join(registry.load("g")).group()).contains(emptyStrings);
  }

  @Test
  void shouldLoadNothingForAGroupThatWasNeverWritten() {
    // When
    StoredGroup loaded = join(registry.load("unknown"));
    // Then
    assertThat(loaded.group()).isEmpty();
    assertThat(loaded.offsets()).isEmpty();
  }

  @Test
  void shouldStoreOffsetsOfSeveralTopicsAndReplaceATopicWhole() {
    // Given
    join(
        registry.writeOffsets(
            fence,
            "g",
            Map.of(
                "orders", Map.of(0, offset(10), 1, offset(11)),
                "payments", Map.of(2, offset(20)))));
    // When orders is rewritten with one partition only
    join(registry.writeOffsets(fence, "g", Map.of("orders", Map.of(1, offset(15)))));
    // Then
    StoredGroup loaded = join(registry.load("g"));
    assertThat(loaded.group()).isEmpty();
    assertThat(loaded.offsets())
        .containsOnly(
            Map.entry(new PartitionRef("orders", 1), offset(15)),
            Map.entry(new PartitionRef("payments", 2), offset(20)));
    assertThat(join(memory.getPrefix(keys.offsetsPrefix("g")))).hasSize(2);
  }

  @Test
  void shouldDeleteATopicsOffsetsWhenGivenAnEmptyMap() {
    // Given
    join(
        registry.writeOffsets(
            fence, "g", Map.of("orders", Map.of(0, offset(1)), "payments", Map.of(0, offset(2)))));
    // When
    join(registry.writeOffsets(fence, "g", Map.of("orders", Map.of())));
    // Then
    assertThat(join(registry.load("g")).offsets())
        .containsOnlyKeys(new PartitionRef("payments", 0));
    assertThat(join(memory.get(keys.offsets("g", "orders")))).isEmpty();
  }

  @Test
  void shouldRefuseEveryWriteAndWriteNothingOnceTheCoordinatorsLeaseIsRevoked() {
    // Given
    join(registry.saveGroup(fence, group("g")));
    join(registry.writeOffsets(fence, "g", Map.of("orders", Map.of(0, offset(1)))));
    // When
    join(memory.revokeLease(coordinator.leaseId()));
    long afterRevoke = join(memory.currentRevision());
    Map<String, byte[]> before = snapshot();
    // Then
    assertThat(failureOf(registry.saveGroup(fence, group("g"))))
        .isInstanceOf(FencedEpochException.class);
    assertThat(failureOf(registry.writeOffsets(fence, "g", Map.of("orders", Map.of(0, offset(9))))))
        .isInstanceOf(FencedEpochException.class);
    assertThat(failureOf(registry.writeOffsets(fence, "g", Map.of())))
        .isInstanceOf(FencedEpochException.class);
    assertThat(failureOf(registry.deleteGroup(fence, "g")))
        .isInstanceOf(FencedEpochException.class);
    assertThat(join(memory.currentRevision())).isEqualTo(afterRevoke);
    assertThat(snapshot()).containsOnlyKeys(before.keySet());
    assertThat(snapshot().get(keys.group("g"))).isEqualTo(before.get(keys.group("g")));
    assertThat(join(registry.load("g")).offsets())
        .containsEntry(new PartitionRef("orders", 0), offset(1));
  }

  @Test
  void shouldRefuseWritesOnceTheCoordinatorsLeaseExpires() {
    // Given
    join(registry.saveGroup(fence, group("g")));
    // When
    clock.advance(RegistryFixture.LEASE_TTL.plusSeconds(1));
    // Then
    assertThat(failureOf(registry.writeOffsets(fence, "g", Map.of("orders", Map.of(0, offset(1))))))
        .isInstanceOf(FencedEpochException.class);
    assertThat(join(registry.load("g")).offsets()).isEmpty();
  }

  @Test
  void shouldRefuseTheOldCoordinatorOnceAnotherBrokerClaimsThePartition() {
    // Given broker 1 hands the coordinator partition over to broker 2
    join(metadata.partitions().release(COORDINATORS, 0, coordinator, fence.epoch()));
    BrokerSession successor = session(memory, 2);
    int epoch = join(metadata.partitions().claim(COORDINATORS, 0, successor)).leaderEpoch();
    CoordinatorFence successorFence = new CoordinatorFence(COORDINATORS, 0, successor, epoch);
    join(registry.saveGroup(successorFence, group("g")));
    // When the old coordinator writes
    Throwable failure = failureOf(registry.deleteGroup(fence, "g"));
    // Then it is refused and the successor's writes stand
    assertThat(failure).isInstanceOf(FencedEpochException.class).hasMessageContaining("broker 1");
    assertThat(join(registry.load("g")).group()).contains(group("g"));
    join(registry.writeOffsets(successorFence, "g", Map.of("orders", Map.of(0, offset(4)))));
    assertThat(join(registry.load("g")).offsets()).hasSize(1);
  }

  @Test
  void shouldRefuseAnOlderEpochOfTheSameBrokerAfterItReclaims() {
    // Given the same broker, restarted, claims the partition again (epoch + 1)
    join(memory.revokeLease(coordinator.leaseId()));
    BrokerSession restarted = session(memory, 1, "restarted");
    int epoch = join(metadata.partitions().claim(COORDINATORS, 0, restarted)).leaderEpoch();
    // When / Then
    assertThat(failureOf(registry.saveGroup(fence, group("g"))))
        .isInstanceOf(FencedEpochException.class);
    join(registry.saveGroup(new CoordinatorFence(COORDINATORS, 0, restarted, epoch), group("g")));
    assertThat(join(registry.load("g")).group()).isPresent();
  }

  @Test
  void shouldKeepGroupIdsWithSlashesPercentsAndUnicodeApart() {
    // Given ids that would collide or nest if written verbatim
    List<String> ids =
        List.of("a", "ab", "a/b", "a%2Fb", "a/", "%", "%25", "grüße", "組/🎉", " sp ace", "a\nb");
    // When
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      join(registry.saveGroup(fence, group(id)));
      join(registry.writeOffsets(fence, id, Map.of("t", Map.of(i, offset(i)))));
    }
    // Then every id loads exactly its own record and offset
    for (int i = 0; i < ids.size(); i++) {
      StoredGroup loaded = join(registry.load(ids.get(i)));
      assertThat(loaded.group().orElseThrow().groupId()).isEqualTo(ids.get(i));
      assertThat(loaded.offsets()).containsOnly(Map.entry(new PartitionRef("t", i), offset(i)));
    }
    assertThat(join(registry.listGroupIds())).containsExactlyElementsOf(sorted(ids));
    // And deleting "a" leaves "ab", "a/b" and "a/" alone
    join(registry.deleteGroup(fence, "a"));
    assertThat(join(registry.listGroupIds()))
        .hasSize(ids.size() - 1)
        .doesNotContain("a")
        .contains("ab", "a/b", "a/");
    assertThat(join(registry.load("a/b")).offsets()).hasSize(1);
  }

  @Test
  void shouldListGroupsThatHaveARecordOrOnlyOffsets() {
    // Given
    join(registry.saveGroup(fence, group("record-only")));
    join(registry.writeOffsets(fence, "offsets-only", Map.of("t", Map.of(0, offset(1)))));
    join(registry.saveGroup(fence, group("both")));
    join(
        registry.writeOffsets(
            fence, "both", Map.of("t", Map.of(0, offset(1)), "u", Map.of(0, offset(2)))));
    // When
    List<String> ids = join(registry.listGroupIds());
    // Then
    assertThat(ids).containsExactly("both", "offsets-only", "record-only");
  }

  @Test
  void shouldSplitOffsetsOfManyTopicsIntoFencedTransactionsUnderEtcdsOpLimit() {
    // Given
    Map<String, Map<Integer, CommittedOffsetRecord>> offsets = new TreeMap<>();
    for (int t = 0; t < 300; t++) {
      offsets.put(String.format("topic-%03d", t), Map.of(0, offset(t), 1, offset(t + 1)));
    }
    store.txns.clear();
    // When
    join(registry.writeOffsets(fence, "g", offsets));
    // Then
    assertThat(store.txns).hasSizeGreaterThan(1);
    assertThat(store.txns)
        .allSatisfy(
            txn -> {
              assertThat(txn.compares()).hasSize(1);
              assertThat(txn.compares().size() + txn.onSuccess().size()).isLessThanOrEqualTo(100);
            });
    assertThat(store.txns.stream().mapToInt(t -> t.onSuccess().size()).sum()).isEqualTo(300);
    assertThat(join(registry.load("g")).offsets()).hasSize(600);
  }

  @Test
  void shouldDeleteTheRecordAndEveryOffsetInOneFencedTransaction() {
    // Given
    join(registry.saveGroup(fence, group("g")));
    Map<String, Map<Integer, CommittedOffsetRecord>> offsets = new TreeMap<>();
    for (int t = 0; t < 200; t++) {
      offsets.put("t" + t, Map.of(0, offset(t)));
    }
    join(registry.writeOffsets(fence, "g", offsets));
    join(registry.writeOffsets(fence, "g2", Map.of("t0", Map.of(0, offset(1)))));
    store.txns.clear();
    // When
    join(registry.deleteGroup(fence, "g"));
    // Then
    assertThat(store.txns).hasSize(1);
    assertThat(store.txns.get(0).compares()).hasSize(1);
    StoredGroup loaded = join(registry.load("g"));
    assertThat(loaded.group()).isEmpty();
    assertThat(loaded.offsets()).isEmpty();
    assertThat(join(registry.listGroupIds())).containsExactly("g2");
  }

  @Test
  void shouldRejectAnEmptyGroupIdWithoutWriting() {
    // Given
    long revision = join(memory.currentRevision());
    // When / Then
    assertThat(failureOf(registry.load(""))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(registry.saveGroup(fence, group(""))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(registry.writeOffsets(fence, "", Map.of("t", Map.of(0, offset(1))))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(join(memory.currentRevision())).isEqualTo(revision);
  }

  @Test
  void shouldBeWiredIntoMetadata() {
    // When
    join(metadata.groups().saveGroup(fence, group("g")));
    // Then
    assertThat(join(registry.load("g")).group()).contains(group("g"));
  }

  private Map<String, byte[]> snapshot() {
    Map<String, byte[]> all = new TreeMap<>();
    for (KeyValue kv : join(memory.getPrefix(keys.root() + "/"))) {
      all.put(kv.key(), kv.value());
    }
    return all;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    Collections.sort(copy);
    return copy;
  }

  /** Records every transaction the registry sends. */
  static final class CountingStore extends ForwardingMetadataStore {
    final List<Txn> txns = Collections.synchronizedList(new ArrayList<>());

    CountingStore(InMemoryMetadataStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<TxnResult> txn(Txn txn) {
      txns.add(txn);
      return delegate.txn(txn);
    }
  }
}
