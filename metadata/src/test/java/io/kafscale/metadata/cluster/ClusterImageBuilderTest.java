/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.WatchEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure per-key, newest-revision-wins state behind the cluster image. */
class ClusterImageBuilderTest {
  private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

  private final KeyLayout keys = KeyLayout.defaults();
  private final ClusterImageBuilder builder = new ClusterImageBuilder(keys, 10);

  private KeyValue broker(int id, long revision) {
    return new KeyValue(
        keys.broker(id),
        ProtoCodec.encodeBroker(ClusterStoreWriter.broker(id)),
        revision,
        revision);
  }

  private KeyValue owner(int brokerId, int epoch, long revision) {
    return new KeyValue(
        keys.owner("t", 0),
        ProtoCodec.encodeOwner(new OwnerRecord(brokerId, epoch, "i")),
        1,
        revision);
  }

  private static WatchEvent put(KeyValue kv) {
    return new WatchEvent(WatchEvent.Type.PUT, kv);
  }

  private static WatchEvent delete(String key, long revision) {
    return new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, revision));
  }

  @Test
  void shouldBuildAnImageAtTheSnapshotRevisionFromLoadedKeys() {
    // Given
    builder.load(broker(1, 4));
    builder.load(owner(1, 2, 7));
    // When
    ClusterImage image = builder.build();
    // Then
    assertThat(image.revision()).isEqualTo(10);
    assertThat(image.brokers()).containsOnlyKeys(1);
    assertThat(image.owner("t", 0)).contains(new OwnerRecord(1, 2, "i"));
  }

  @Test
  void shouldIgnoreAPutOlderThanTheKeysCurrentRevision() {
    // Given
    builder.load(owner(2, 5, 9));
    // When
    boolean changed = builder.apply(List.of(put(owner(1, 4, 8))));
    // Then
    assertThat(changed).isFalse();
    assertThat(builder.build().owner("t", 0).orElseThrow().brokerId()).isEqualTo(2);
  }

  @Test
  void shouldIgnoreADeleteOlderThanTheKeysCurrentRevision() {
    // Given
    builder.load(broker(1, 9));
    // When
    boolean changed = builder.apply(List.of(delete(keys.broker(1), 8)));
    // Then
    assertThat(changed).isFalse();
    assertThat(builder.build().brokers()).containsOnlyKeys(1);
  }

  @Test
  void shouldApplyNewerPutsAndDeletesAndAdvanceTheRevisionToTheHighestApplied() {
    // Given
    builder.load(broker(1, 9));
    // When
    builder.apply(List.of(delete(keys.broker(1), 11)));
    builder.apply(List.of(put(broker(2, 13))));
    builder.apply(List.of(put(broker(3, 12))));
    // Then
    ClusterImage image = builder.build();
    assertThat(image.revision()).isEqualTo(13);
    assertThat(image.brokers()).containsOnlyKeys(2, 3);
  }

  @Test
  void shouldDropAKeyWhoseNewestValueIsCorruptUntilAValidValueReplacesIt() {
    // Given
    builder.load(broker(1, 9));
    // When
    boolean changed = builder.apply(List.of(put(new KeyValue(keys.broker(1), GARBAGE, 9, 11))));
    ClusterImage corrupt = builder.build();
    builder.apply(List.of(put(broker(1, 12))));
    // Then
    assertThat(changed).isTrue();
    assertThat(corrupt.brokers()).isEmpty();
    assertThat(builder.build().brokers()).containsOnlyKeys(1);
  }

  @Test
  void shouldSkipKeysThatDoNotParseAndKeysTheImageDoesNotTrack() {
    // When
    builder.load(new KeyValue(keys.brokersPrefix() + "x", broker(1, 1).value(), 1, 1));
    builder.load(new KeyValue(keys.controller() + "-other", GARBAGE, 2, 2));
    builder.load(new KeyValue(keys.ownersPrefix() + "no-partition", GARBAGE, 3, 3));
    // Then
    assertThat(builder.build().sameContentAs(ClusterImage.empty())).isTrue();
  }
}
