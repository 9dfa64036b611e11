/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.testing.EtcdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The etcd store while etcd goes away and comes back: clear errors, then recovery without
 * reconnecting.
 */
class EtcdMetadataStoreAvailabilityIT {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  private EtcdServer server;
  private EtcdMetadataStore store;

  @BeforeEach
  void start() {
    server = EtcdServer.start();
    store =
        EtcdMetadataStore.connect(
            EtcdConfig.of(List.of(server.endpoint())).withRequestTimeout(REQUEST_TIMEOUT));
  }

  @AfterEach
  void stop() {
    store.close();
    server.close();
  }

  @Test
  void shouldFailWithAClearErrorWhileEtcdIsDownAndRecoverAfterItRestarts() throws Exception {
    // Given
    put("/t/a", "1");
    // When
    server.stop();
    Throwable down = failureOf(store.get("/t/a"));
    server.restart();
    // Then
    assertThat(down)
        .isExactlyInstanceOf(MetadataStoreException.class)
        .hasMessageContaining(server.endpoint());
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> value("/t/a").equals(Optional.of("1")));
  }

  @Test
  void shouldResumeAWatchAfterEtcdRestartsWithoutGapsOrRepeats() throws Exception {
    // Given
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Watch watch = store.watchPrefix("/t/w/", 0, seen::addAll);
    try {
      put("/t/w/a", "1");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      // When
      server.restart();
      await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> put("/t/w/b", "2") > 0);
      put("/t/w/c", "3");
      // Then
      await().atMost(Duration.ofSeconds(15)).until(() -> seen.size() >= 3);
      assertThat(seen).extracting(e -> e.kv().key()).containsExactly("/t/w/a", "/t/w/b", "/t/w/c");
      assertThat(seen).extracting(WatchEvent::revision).isSorted().doesNotHaveDuplicates();
    } finally {
      watch.close();
    }
  }

  @Test
  void shouldReportAnUnknownLeaseAsLeaseNotFound() throws Exception {
    // When
    Throwable keepAlive = failureOf(store.keepAlive(424242L));
    Throwable revoke = failureOf(store.revokeLease(424242L));
    // Then
    assertThat(keepAlive).isInstanceOf(LeaseNotFoundException.class);
    assertThat(revoke).isInstanceOf(LeaseNotFoundException.class);
  }

  private long put(String key, String value) throws Exception {
    return store
        .txn(Txn.builder().then(Op.put(key, value.getBytes(UTF_8))).build())
        .get(5, TimeUnit.SECONDS)
        .revision();
  }

  private Optional<String> value(String key) throws Exception {
    return store.get(key).get(5, TimeUnit.SECONDS).map(KeyValue::valueAsString);
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the future to fail");
  }
}
