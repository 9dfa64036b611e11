/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.health.HealthReport;
import io.kafscale.broker.health.ProbeResult;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.storage.cache.SegmentCache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BrokerApiTest {
  private final ManualClock clock = new ManualClock(1_700_000_060_000L);
  private final BrokerRecord self =
      new BrokerRecord(
          3, "b3.local", 9092, Optional.of("r1"), 1_700_000_000_000L, false, "x", 9093);
  private final AtomicReference<HealthReport> health =
      new AtomicReference<>(HealthReport.NOT_PROBED);
  private final SegmentCache<String> cache = new SegmentCache<>(1_000, String::length);
  private final BrokerApi api =
      new BrokerApi(
          self,
          new BrokerApi.Status(
              () -> true, () -> false, () -> 4, "file:/d/objects", "embedded:/d/m"),
          health::get,
          cache,
          clock);

  @Test
  void shouldDescribeTheBrokerWithItsUptime() {
    // When
    GroupsApi.JsonResponse r = api.get("/api/v1/broker").join();
    // Then
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"brokerId\":3,\"host\":\"b3.local\",\"port\":9092,\"adminPort\":9093,"
                + "\"rack\":\"r1\",\"startedAtMs\":1700000000000,\"uptimeMs\":60000,"
                + "\"ready\":true,\"controller\":false,\"objectStore\":\"file:/d/objects\","
                + "\"metadataStore\":\"embedded:/d/m\",\"ownedPartitions\":4}");
  }

  @Test
  void shouldShowUnknownProbeValuesAsNullBeforeTheFirstProbe() {
    // When
    String body = api.get("/api/v1/health").join().body();
    // Then
    assertThat(body)
        .isEqualTo(
            "{\"objectStore\":{\"ok\":false,\"latencyMs\":null,\"message\":\"not probed yet\","
                + "\"checkedAtMs\":null},\"metadataStore\":{\"ok\":false,\"latencyMs\":null,"
                + "\"message\":\"not probed yet\",\"checkedAtMs\":null}}");
  }

  @Test
  void shouldShowTheLastProbes() {
    // Given
    health.set(
        new HealthReport(
            ProbeResult.success(12, 1_700_000_050_000L),
            ProbeResult.failure(5000, "metadata store: down", 1_700_000_050_000L)));
    // When
    String body = api.get("/api/v1/health").join().body();
    // Then
    assertThat(body)
        .isEqualTo(
            "{\"objectStore\":{\"ok\":true,\"latencyMs\":12,\"message\":null,"
                + "\"checkedAtMs\":1700000050000},\"metadataStore\":{\"ok\":false,"
                + "\"latencyMs\":5000,\"message\":\"metadata store: down\","
                + "\"checkedAtMs\":1700000050000}}");
  }

  @Test
  void shouldReportCacheStatisticsWithANullRatioBeforeAnyLookup() {
    // When
    String before = api.get("/api/v1/cache").join().body();
    cache.put("a", "abc");
    cache.get("a");
    cache.get("b");
    String after = api.get("/api/v1/cache").join().body();
    // Then
    assertThat(before).contains("\"hitRatio\":null").contains("\"capacityBytes\":1000");
    assertThat(after)
        .isEqualTo(
            "{\"hits\":1,\"misses\":1,\"hitRatio\":0.5,\"bytes\":3,\"capacityBytes\":1000,"
                + "\"entries\":1,\"evictions\":0}");
  }

  @Test
  void shouldServeOnlyItsOwnPaths() {
    assertThat(api.serves("/api/v1/broker")).isTrue();
    assertThat(api.serves("/api/v1/brokers")).isFalse();
    assertThat(api.serves("/api/v1/groups")).isFalse();
  }

  @Test
  void shouldListStoredSegmentsAndAnswerUnknownPartitionsWith404() {
    // Given
    SegmentRecord segment =
        SegmentRecord.flushed("ns/t/0/seg.kfs", null, 0, 100, 0, 9, 1L, 1, 7, 1_700_000_000_001L);
    PartitionsApi partitions =
        new PartitionsApi(
            3,
            List::of,
            (topic, p) ->
                CompletableFuture.completedFuture(
                    topic.equals("a.b") && p == 0
                        ? Optional.of(List.of(segment))
                        : Optional.empty()),
            clock);
    // When
    GroupsApi.JsonResponse found = partitions.get("/api/v1/partitions/a.b/0/segments").join();
    GroupsApi.JsonResponse missing = partitions.get("/api/v1/partitions/a.b/1/segments").join();
    GroupsApi.JsonResponse notNumber = partitions.get("/api/v1/partitions/a.b/x/segments").join();
    GroupsApi.JsonResponse other = partitions.get("/api/v1/partitions/a.b/0").join();
    GroupsApi.JsonResponse none = partitions.get("/api/v1/partitions").join();
    // Then
    assertThat(found.body())
        .isEqualTo(
            "{\"topic\":\"a.b\",\"partition\":0,\"segments\":[{\"baseOffset\":0,\"lastOffset\":9,"
                + "\"sizeBytes\":100,\"objectKey\":\"ns/t/0/seg.kfs\",\"indexKey\":null,"
                + "\"epoch\":1,\"maxTimestamp\":1,\"createdAtMs\":1700000000001,"
                + "\"compacted\":false}]}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"unknown_partition\"}");
    assertThat(notNumber.status()).isEqualTo(404);
    assertThat(other.status()).isEqualTo(404);
    assertThat(none.body()).isEqualTo("{\"brokerId\":3,\"partitions\":[]}");
  }
}
