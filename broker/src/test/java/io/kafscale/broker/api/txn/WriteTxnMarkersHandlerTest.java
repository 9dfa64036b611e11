/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.txn.TxnOffsetMarkers;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.StorageException;
import io.kafscale.storage.log.TxnMarker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class WriteTxnMarkersHandlerTest {
  private static final String OFFSETS = "__consumer_offsets";

  private final Map<String, Integer> partitionCounts =
      new HashMap<>(Map.of("orders", 3, OFFSETS, 2));
  private final Map<String, PartitionLog> logs = new HashMap<>();

  private WriteTxnMarkersHandler handler(Optional<TxnOffsetMarkers> offsets) {
    return new WriteTxnMarkersHandler(
        topic ->
            partitionCounts.containsKey(topic)
                ? OptionalInt.of(partitionCounts.get(topic))
                : OptionalInt.empty(),
        (topic, partition) -> Optional.ofNullable(logs.get(topic + "-" + partition)),
        offsets);
  }

  private static WriteTxnMarkersRequestData request(
      long producerId, boolean commit, String topic, Integer... partitions) {
    return new WriteTxnMarkersRequestData()
        .setMarkers(
            List.of(
                new WritableTxnMarker()
                    .setProducerId(producerId)
                    .setProducerEpoch((short) 4)
                    .setTransactionResult(commit)
                    .setCoordinatorEpoch(9)
                    .setTopics(
                        List.of(
                            new WritableTxnMarkerTopic()
                                .setName(topic)
                                .setPartitionIndexes(List.of(partitions))))));
  }

  private static Map<Integer, Errors> errors(WriteTxnMarkersResponseData response) {
    Map<Integer, Errors> errors = new HashMap<>();
    response
        .markers()
        .forEach(
            m ->
                m.topics()
                    .forEach(
                        t ->
                            t.partitions()
                                .forEach(
                                    p ->
                                        errors.put(
                                            p.partitionIndex(), Errors.forCode(p.errorCode())))));
    return errors;
  }

  @Test
  void shouldWriteTheMarkerToEveryOwnedPartition() {
    // Given
    MarkerLogs.FakeLog p0 = MarkerLogs.accepting();
    MarkerLogs.FakeLog p2 = MarkerLogs.accepting();
    logs.put("orders-0", p0.log());
    logs.put("orders-2", p2.log());
    // When
    WriteTxnMarkersResponseData response =
        handler(Optional.empty()).write(request(42, true, "orders", 0, 2)).join();
    // Then
    assertThat(errors(response))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, Errors.NONE, 2, Errors.NONE));
    assertThat(response.markers())
        .singleElement()
        .satisfies(m -> assertThat(m.producerId()).isEqualTo(42));
    TxnMarker expected = new TxnMarker(42, (short) 4, true, 9);
    assertThat(p0.markers()).containsExactly(expected);
    assertThat(p2.markers()).containsExactly(expected);
  }

  @Test
  void shouldAnswerNotLeaderWhenThePartitionIsOwnedElsewhere() {
    // When
    WriteTxnMarkersResponseData response =
        handler(Optional.empty()).write(request(1, false, "orders", 1)).join();
    // Then
    assertThat(errors(response)).containsEntry(1, Errors.NOT_LEADER_OR_FOLLOWER);
  }

  @Test
  void shouldAnswerUnknownTopicOrPartitionWhenTheTopicOrPartitionDoesNotExist() {
    // When
    WriteTxnMarkersResponseData unknownTopic =
        handler(Optional.empty()).write(request(1, false, "missing", 0)).join();
    WriteTxnMarkersResponseData unknownPartition =
        handler(Optional.empty()).write(request(1, false, "orders", 3)).join();
    // Then
    assertThat(errors(unknownTopic)).containsEntry(0, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    assertThat(errors(unknownPartition)).containsEntry(3, Errors.UNKNOWN_TOPIC_OR_PARTITION);
  }

  @Test
  void shouldMapStorageFailuresToKafkaErrorsPerPartition() {
    // Given
    logs.put(
        "orders-0",
        MarkerLogs.answering(
                m ->
                    CompletableFuture.failedFuture(
                        new StorageException(
                            StorageException.Reason.INVALID_PRODUCER_EPOCH, "older epoch")))
            .log());
    logs.put(
        "orders-1",
        MarkerLogs.answering(
                m ->
                    CompletableFuture.failedFuture(
                        new StorageException(StorageException.Reason.NOT_OWNER, "fenced")))
            .log());
    logs.put("orders-2", MarkerLogs.accepting().log());
    // When
    WriteTxnMarkersResponseData response =
        handler(Optional.empty()).write(request(1, true, "orders", 0, 1, 2)).join();
    // Then
    assertThat(errors(response))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                0, Errors.INVALID_PRODUCER_EPOCH,
                1, Errors.NOT_LEADER_OR_FOLLOWER,
                2, Errors.NONE));
  }

  @Test
  void shouldAnswerCoordinatorNotAvailableForOffsetsPartitionsWhileTheGroupSideCannotTakeMarkers() {
    // Given
    MarkerLogs.FakeLog offsetsLog = MarkerLogs.accepting();
    logs.put(OFFSETS + "-1", offsetsLog.log());
    // When
    WriteTxnMarkersResponseData response =
        handler(Optional.empty()).write(request(1, true, OFFSETS, 1)).join();
    // Then
    assertThat(errors(response)).containsEntry(1, Errors.COORDINATOR_NOT_AVAILABLE);
    assertThat(offsetsLog.markers()).isEmpty();
  }

  @Test
  void shouldHandOffsetsPartitionMarkersToTheGroupSide() {
    // Given
    logs.put(OFFSETS + "-0", MarkerLogs.accepting().log());
    logs.put(OFFSETS + "-1", MarkerLogs.accepting().log());
    List<String> completed = new CopyOnWriteArrayList<>();
    TxnOffsetMarkers groups =
        (partition, producerId, epoch, commit) -> {
          if (partition == 1) {
            return CompletableFuture.failedFuture(new NotCoordinatorException("moved"));
          }
          completed.add(partition + ":" + producerId + ":" + epoch + ":" + commit);
          return CompletableFuture.completedFuture(null);
        };
    // When
    WriteTxnMarkersResponseData response =
        handler(Optional.of(groups)).write(request(5, false, OFFSETS, 0, 1)).join();
    // Then
    assertThat(errors(response))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, Errors.NONE, 1, Errors.NOT_COORDINATOR));
    assertThat(completed).containsExactly("0:5:4:false");
  }
}
