/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreContractTest;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.testing.EtcdServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the store contract against a real etcd process (one per class, emptied before each test),
 * plus what only a real etcd can show: keys stored verbatim and compaction. Leases use etcd's real
 * clock, so {@link #advanceTime} waits.
 */
class EtcdMetadataStoreIT extends MetadataStoreContractTest {
  private static EtcdServer server;

  @BeforeAll
  static void startEtcd() {
    server = EtcdServer.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected MetadataStore createStore() {
    EtcdMetadataStore etcd = EtcdMetadataStore.connect(EtcdConfig.of(List.of(server.endpoint())));
    // One server serves every test: start each from an empty key space (all port keys start with
    // /).
    join(etcd.txn(Txn.builder().then(Op.deletePrefix("/")).build()));
    return etcd;
  }

  @Override
  protected void advanceTime(Duration d) {
    // etcd's leases run on its own clock: let the real time pass (at most ~6 s per call here).
    await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
  }

  @Test
  void shouldStoreKeysAndValuesVerbatimInEtcd() throws Exception {
    // Given
    long revision = put("/kafscale/topics/orders", "v").revision();
    // When
    GetResponse raw;
    try (Client client = Client.builder().endpoints(server.endpoint()).build()) {
      raw = client.getKVClient().get(ByteSequence.from("/kafscale/topics/orders", UTF_8)).get();
    }
    // Then
    assertThat(raw.getKvs()).hasSize(1);
    assertThat(raw.getKvs().get(0).getValue().toString(UTF_8)).isEqualTo("v");
    assertThat(raw.getKvs().get(0).getModRevision()).isEqualTo(revision);
  }

  @Test
  void shouldThrowCompactedRevisionExceptionWhenWatchingFromACompactedRevision() throws Exception {
    // Given
    long old = put("/t/c/a", "1").revision();
    put("/t/c/a", "2");
    long latest = put("/t/c/a", "3").revision();
    try (Client client = Client.builder().endpoints(server.endpoint()).build()) {
      client.getKVClient().compact(latest).get();
    }
    // When / Then
    assertThatThrownBy(() -> store.watchPrefix("/t/c/", old, events -> {}))
        .isInstanceOf(CompactedRevisionException.class);
    store.watchPrefix("/t/c/", latest, events -> {}).close();
  }
}
