/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.store.StoreTopicRegistry;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicSync}'s config checks over the in-memory metadata store ({@link TopicSyncEtcdIT} runs
 * the rest of the sync against a real etcd).
 */
class TopicSyncTest {
  private final TopicRegistry registry =
      new StoreTopicRegistry(new InMemoryMetadataStore(), KeyLayout.defaults(), Clock.systemUTC());
  private final TopicSync sync = new TopicSync(registry, Duration.ofSeconds(5));

  private static KafscaleTopicSpec spec(int partitions, Map<String, String> config) {
    KafscaleTopicSpec s = new KafscaleTopicSpec();
    s.clusterRef = "demo";
    s.partitions = partitions;
    s.config = config;
    return s;
  }

  private final java.util.Map<String, String> owned = new java.util.HashMap<>();

  /** Syncs as the reconciler does: the topic this test's resource created before is its own. */
  private TopicSync.Result sync(String name, KafscaleTopicSpec spec) throws Exception {
    TopicSync.Result r = this.sync.sync(name, spec, Optional.ofNullable(owned.get(name)));
    r.topic().ifPresent(t -> owned.put(name, t.topicId().toString()));
    return r;
  }

  @Test
  void shouldRefuseToCreateTopicWithInvalidConfigValue() throws Exception {
    // When
    TopicSync.Result r = sync("orders", spec(3, Map.of("retention.ms", "abc")));

    // Then nothing is written and the condition names the config and its value
    assertThat(registry.get("orders").get()).isEmpty();
    assertThat(r.topic()).isEmpty();
    assertThat(r.ready().status).isEqualTo("False");
    assertThat(r.ready().reason).isEqualTo("InvalidConfig");
    assertThat(r.ready().message)
        .startsWith("invalid topic config, nothing written: retention.ms=abc: ")
        .contains("Invalid value abc for configuration retention.ms");
  }

  @Test
  void shouldRefuseUnknownConfigNameAndKeepStoredConfigs() throws Exception {
    // Given
    sync("audit", spec(1, Map.of("retention.ms", "5")));

    // When
    TopicSync.Result r = sync("audit", spec(4, Map.of("retention.ms", "10", "retention.mss", "7")));

    // Then neither the configs nor the partitions change
    assertThat(r.ready().reason).isEqualTo("InvalidConfig");
    assertThat(r.ready().message)
        .isEqualTo(
            "invalid topic config, nothing written: retention.mss=7: Unknown topic config name:"
                + " retention.mss");
    assertThat(registry.get("audit").get().orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "5"));
    assertThat(registry.get("audit").get().orElseThrow().partitionCount()).isEqualTo(1);
  }

  @Test
  void shouldReportEveryInvalidEntryInNameOrder() {
    // When
    var problems =
        TopicSync.invalidConfigs(
            Map.of(
                "segment.bytes", "1",
                "cleanup.policy", "shred",
                "max.message.bytes", "2048"));

    // Then
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("cleanup.policy=shred: ");
    assertThat(problems.get(1)).startsWith("segment.bytes=1: ");
  }

  @Test
  void shouldCreateTopicWithValidConfigs() throws Exception {
    // When
    TopicSync.Result r =
        sync("clicks", spec(2, Map.of("cleanup.policy", "compact", "retention.ms", "-1")));

    // Then
    assertThat(r.ready().status).isEqualTo("True");
    assertThat(registry.get("clicks").get().orElseThrow().configs())
        .isEqualTo(Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
  }

  @Test
  void shouldRefuseInternalTopicNamesWithoutLookingAtTheStore() throws Exception {
    // When
    TopicSync.Result r = sync("__consumer_offsets", spec(1, Map.of()));

    // Then
    assertThat(r.ready().reason).isEqualTo(TopicSync.INTERNAL_TOPIC);
    assertThat(r.topic()).isEmpty();
    assertThat(registry.get("__consumer_offsets").get()).isEmpty();
  }

  @Test
  void shouldLeaveAForeignTopicAloneUnlessAdoptedAndNeverDeleteIt() throws Exception {
    // Given: a topic some Kafka client created
    registry.create("shared", 2, Map.of("retention.ms", "1000")).get();
    KafscaleTopicSpec wanted = spec(4, Map.of());

    // When
    TopicSync.Result refused = sync("shared", wanted);
    boolean deleted = sync.delete("shared", Optional.empty());

    // Then
    assertThat(refused.ready().reason).isEqualTo(TopicSync.NOT_OWNED);
    assertThat(refused.ready().message)
        .contains("was not created by this resource")
        .contains("spec.adopt: true");
    assertThat(refused.topic()).isEmpty();
    assertThat(deleted).isFalse();
    assertThat(registry.get("shared").get().orElseThrow().partitionCount()).isEqualTo(2);

    // When: the resource adopts it
    wanted.adopt = true;
    TopicSync.Result adopted = sync("shared", wanted);

    // Then
    assertThat(adopted.ready().status).isEqualTo("True");
    assertThat(registry.get("shared").get().orElseThrow().partitionCount()).isEqualTo(4);
  }

  @Test
  void shouldNotTouchOrDeleteATopicRecreatedUnderTheSameNameBySomeoneElse() throws Exception {
    // Given: the resource created the topic, then someone deleted and recreated it
    TopicSync.Result created = sync("events", spec(1, Map.of()));
    String ownId = created.topic().orElseThrow().topicId().toString();
    registry.delete("events").get();
    registry.create("events", 3, Map.of()).get();

    // When
    TopicSync.Result r = sync("events", spec(5, Map.of()));
    boolean deleted = sync.delete("events", Optional.of(ownId));

    // Then
    assertThat(r.ready().reason).isEqualTo(TopicSync.NOT_OWNED);
    assertThat(r.ready().message).contains("not " + ownId);
    assertThat(deleted).isFalse();
    assertThat(registry.get("events").get().orElseThrow().partitionCount()).isEqualTo(3);
  }

  @Test
  void shouldDeleteItsOwnTopic() throws Exception {
    // Given
    String id = sync("temp", spec(1, Map.of())).topic().orElseThrow().topicId().toString();

    // When
    boolean deleted = sync.delete("temp", Optional.of(id));

    // Then
    assertThat(deleted).isTrue();
    assertThat(registry.get("temp").get()).isEmpty();
  }
}
