/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class TxnGuardsTest {
  private final GuardFixture fixture = new GuardFixture();

  private static AddPartitionsToTxnRequestData clientAdd(String txnId, String... topics) {
    AddPartitionsToTxnTopicCollection collection = new AddPartitionsToTxnTopicCollection();
    for (String t : topics) {
      collection.add(new AddPartitionsToTxnTopic().setName(t).setPartitions(List.of(0, 1)));
    }
    return new AddPartitionsToTxnRequestData()
        .setV3AndBelowTransactionalId(txnId)
        .setV3AndBelowProducerId(7)
        .setV3AndBelowTopics(collection);
  }

  private static AddPartitionsToTxnRequestData brokerAdd(boolean verifyOnly) {
    AddPartitionsToTxnTopicCollection topics = new AddPartitionsToTxnTopicCollection();
    topics.add(new AddPartitionsToTxnTopic().setName("orders").setPartitions(List.of(0)));
    AddPartitionsToTxnTransactionCollection txns = new AddPartitionsToTxnTransactionCollection();
    txns.add(
        new AddPartitionsToTxnTransaction()
            .setTransactionalId("tx")
            .setProducerId(7)
            .setVerifyOnly(verifyOnly)
            .setTopics(topics));
    return new AddPartitionsToTxnRequestData().setTransactions(txns);
  }

  private static List<Object> partitionErrors(AddPartitionsToTxnResponseData r) {
    return r.resultsByTopicV3AndBelow().stream()
        .flatMap(
            t ->
                t.resultsByPartition().stream()
                    .map(
                        p ->
                            (Object)
                                (t.name()
                                    + "-"
                                    + p.partitionIndex()
                                    + ":"
                                    + Errors.forCode(p.partitionErrorCode()))))
        .toList();
  }

  @Test
  void shouldPassClientAddPartitionsUnchangedWhenTxnIdAndTopicsAreWritable() {
    // Given
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, "tx")
        .allow(AclOperation.WRITE, AclResourceType.TOPIC, "orders")
        .answering(q -> new AddPartitionsToTxnResponseData());
    AddPartitionsToTxnRequestData request = clientAdd("tx", "orders");

    // When
    fixture.run(TxnGuards.addPartitionsToTxn(t -> true), ApiKeys.ADD_PARTITIONS_TO_TXN, 3, request);

    // Then
    assertThat(fixture.forwarded).containsExactly(request);
  }

  @Test
  void shouldRefuseEveryPartitionWhenTheTransactionalIdIsNotWritable() {
    // Given
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "orders");

    // When
    AddPartitionsToTxnResponseData response =
        fixture.run(
            TxnGuards.addPartitionsToTxn(t -> true),
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            3,
            clientAdd("tx", "orders"));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(partitionErrors(GuardFixture.onTheWire(ApiKeys.ADD_PARTITIONS_TO_TXN, 3, response)))
        .containsExactly(
            "orders-0:TRANSACTIONAL_ID_AUTHORIZATION_FAILED",
            "orders-1:TRANSACTIONAL_ID_AUTHORIZATION_FAILED");
  }

  @Test
  void shouldNotAttemptTheOtherPartitionsWhenOneTopicIsNotWritable() {
    // Given "orders" writable, "audit" not, "ghost" writable but unknown
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, "tx")
        .allow(AclOperation.WRITE, AclResourceType.TOPIC, "orders", "ghost");

    // When
    AddPartitionsToTxnResponseData response =
        fixture.run(
            TxnGuards.addPartitionsToTxn(t -> !t.equals("ghost")),
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            2,
            clientAdd("tx", "orders", "audit", "ghost"));

    // Then the transaction is not touched, each partition says why
    assertThat(fixture.forwarded).isEmpty();
    assertThat(partitionErrors(GuardFixture.onTheWire(ApiKeys.ADD_PARTITIONS_TO_TXN, 2, response)))
        .containsExactly(
            "orders-0:OPERATION_NOT_ATTEMPTED",
            "orders-1:OPERATION_NOT_ATTEMPTED",
            "audit-0:TOPIC_AUTHORIZATION_FAILED",
            "audit-1:TOPIC_AUTHORIZATION_FAILED",
            "ghost-0:UNKNOWN_TOPIC_OR_PARTITION",
            "ghost-1:UNKNOWN_TOPIC_OR_PARTITION");
  }

  @Test
  void shouldRequireClusterActionForABrokersBatchThatAddsPartitions() {
    // Given no grant at all
    // When
    AddPartitionsToTxnResponseData response =
        fixture.run(
            TxnGuards.addPartitionsToTxn(t -> true),
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            5,
            brokerAdd(false));

    // Then the whole request fails with the top-level error
    assertThat(fixture.forwarded).isEmpty();
    AddPartitionsToTxnResponseData read =
        GuardFixture.onTheWire(ApiKeys.ADD_PARTITIONS_TO_TXN, 5, response);
    assertThat(read.errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldRefuseAnUnauthenticatedVerificationOnASharedListener() {
    // Given a principal without CLUSTER_ACTION on a listener clients also use
    fixture.onListener("PLAINTEXT", null);

    // When
    AddPartitionsToTxnResponseData response =
        fixture.run(
            TxnGuards.addPartitionsToTxn(t -> true),
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            4,
            brokerAdd(true));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    AddPartitionsToTxnResponseData read =
        GuardFixture.onTheWire(ApiKeys.ADD_PARTITIONS_TO_TXN, 4, response);
    assertThat(read.errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldPassAVerificationOnTheDedicatedInterBrokerListenerOrWithClusterAction() {
    // Given
    fixture.answering(q -> new AddPartitionsToTxnResponseData());
    AddPartitionsToTxnRequestData verify = brokerAdd(true);

    // When an unauthenticated broker verifies on the dedicated inter-broker listener
    fixture.onListener("INTERNAL", "INTERNAL");
    fixture.run(TxnGuards.addPartitionsToTxn(t -> true), ApiKeys.ADD_PARTITIONS_TO_TXN, 4, verify);
    // And a principal with CLUSTER_ACTION adds on a client listener
    fixture.onListener("EXTERNAL", "INTERNAL");
    fixture.allowCluster(AclOperation.CLUSTER_ACTION);
    AddPartitionsToTxnRequestData add = brokerAdd(false);
    fixture.run(TxnGuards.addPartitionsToTxn(t -> true), ApiKeys.ADD_PARTITIONS_TO_TXN, 4, add);

    // Then
    assertThat(fixture.forwarded).containsExactly(verify, add);
  }

  @Test
  void shouldRefuseWriteTxnMarkersWithoutClusterActionOffTheDedicatedListener() {
    // Given an anonymous client on the client listener
    fixture.onListener("EXTERNAL", "INTERNAL");
    WriteTxnMarkersRequestData markers =
        new WriteTxnMarkersRequestData()
            .setMarkers(
                List.of(
                    new WriteTxnMarkersRequestData.WritableTxnMarker()
                        .setProducerId(7)
                        .setTransactionResult(true)
                        .setTopics(
                            List.of(
                                new WriteTxnMarkersRequestData.WritableTxnMarkerTopic()
                                    .setName("orders")
                                    .setPartitionIndexes(List.of(0))))));

    // When
    WriteTxnMarkersResponseData response =
        fixture.run(TxnGuards.writeTxnMarkers(), ApiKeys.WRITE_TXN_MARKERS, 1, markers);

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(response.markers().get(0).topics().get(0).partitions().get(0).errorCode())
        .isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldPassWriteTxnMarkersOnTheDedicatedListenerOrWithClusterAction() {
    // Given
    fixture.answering(q -> new WriteTxnMarkersResponseData());
    WriteTxnMarkersRequestData fromBroker = new WriteTxnMarkersRequestData();
    WriteTxnMarkersRequestData withGrant = new WriteTxnMarkersRequestData();

    // When
    fixture.onListener("INTERNAL", "INTERNAL");
    fixture.run(TxnGuards.writeTxnMarkers(), ApiKeys.WRITE_TXN_MARKERS, 1, fromBroker);
    fixture.onListener("EXTERNAL", "INTERNAL");
    fixture.allowCluster(AclOperation.CLUSTER_ACTION);
    fixture.run(TxnGuards.writeTxnMarkers(), ApiKeys.WRITE_TXN_MARKERS, 1, withGrant);

    // Then
    assertThat(fixture.forwarded).containsExactly(fromBroker, withGrant);
  }

  @Test
  void shouldRefuseUndescribableTransactionalIdsAndHideUndescribableTopics() {
    // Given
    fixture
        .allow(AclOperation.DESCRIBE, AclResourceType.TRANSACTIONAL_ID, "a", "c")
        .allow(AclOperation.DESCRIBE, AclResourceType.TOPIC, "visible")
        .answering(
            q -> {
              DescribeTransactionsResponseData r = new DescribeTransactionsResponseData();
              for (String id : ((DescribeTransactionsRequestData) q).transactionalIds()) {
                var state =
                    new DescribeTransactionsResponseData.TransactionState()
                        .setTransactionalId(id)
                        .setTransactionState("Ongoing");
                state
                    .topics()
                    .add(
                        new DescribeTransactionsResponseData.TopicData()
                            .setTopic("visible")
                            .setPartitions(List.of(0)));
                state
                    .topics()
                    .add(
                        new DescribeTransactionsResponseData.TopicData()
                            .setTopic("hidden")
                            .setPartitions(List.of(0)));
                r.transactionStates().add(state);
              }
              return r;
            });

    // When
    DescribeTransactionsResponseData response =
        fixture.run(
            TxnGuards.describeTransactions(),
            ApiKeys.DESCRIBE_TRANSACTIONS,
            0,
            new DescribeTransactionsRequestData().setTransactionalIds(List.of("a", "b", "c")));

    // Then only the allowed ids reach the coordinator, results stay in request order
    assertThat(((DescribeTransactionsRequestData) fixture.forwarded.get(0)).transactionalIds())
        .containsExactly("a", "c");
    DescribeTransactionsResponseData read =
        GuardFixture.onTheWire(ApiKeys.DESCRIBE_TRANSACTIONS, 0, response);
    assertThat(read.transactionStates())
        .extracting(s -> s.transactionalId(), s -> Errors.forCode(s.errorCode()))
        .containsExactly(
            tuple("a", Errors.NONE),
            tuple("b", Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
            tuple("c", Errors.NONE));
    assertThat(read.transactionStates().get(0).topics())
        .extracting(t -> t.topic())
        .containsExactly("visible");
  }

  @Test
  void shouldListOnlyDescribableTransactionalIds() {
    // Given
    fixture
        .allow(AclOperation.DESCRIBE, AclResourceType.TRANSACTIONAL_ID, "mine")
        .answering(
            q -> {
              ListTransactionsResponseData r = new ListTransactionsResponseData();
              for (String id : List.of("mine", "theirs")) {
                r.transactionStates()
                    .add(
                        new ListTransactionsResponseData.TransactionState()
                            .setTransactionalId(id)
                            .setTransactionState("Ongoing"));
              }
              return r;
            });

    // When
    ListTransactionsResponseData response =
        fixture.run(
            TxnGuards.listTransactions(),
            ApiKeys.LIST_TRANSACTIONS,
            1,
            new ListTransactionsRequestData());

    // Then
    assertThat(response.transactionStates())
        .extracting(s -> s.transactionalId())
        .containsExactly("mine");
  }

  @Test
  void shouldRefuseEachPartitionOfAnUnreadableTopicInDescribeProducers() {
    // Given
    fixture
        .allow(AclOperation.READ, AclResourceType.TOPIC, "a", "c")
        .answering(
            q -> {
              DescribeProducersResponseData r = new DescribeProducersResponseData();
              for (var t : ((DescribeProducersRequestData) q).topics()) {
                r.topics()
                    .add(
                        new DescribeProducersResponseData.TopicResponse()
                            .setName(t.name())
                            .setPartitions(
                                List.of(
                                    new DescribeProducersResponseData.PartitionResponse()
                                        .setPartitionIndex(0))));
              }
              return r;
            });
    DescribeProducersRequestData request = new DescribeProducersRequestData();
    for (String t : List.of("a", "b", "c")) {
      request
          .topics()
          .add(
              new DescribeProducersRequestData.TopicRequest()
                  .setName(t)
                  .setPartitionIndexes(List.of(0)));
    }

    // When
    DescribeProducersResponseData response =
        fixture.run(TxnGuards.describeProducers(), ApiKeys.DESCRIBE_PRODUCERS, 0, request);

    // Then
    DescribeProducersResponseData read =
        GuardFixture.onTheWire(ApiKeys.DESCRIBE_PRODUCERS, 0, response);
    assertThat(read.topics())
        .extracting(t -> t.name(), t -> Errors.forCode(t.partitions().get(0).errorCode()))
        .containsExactly(
            tuple("a", Errors.NONE),
            tuple("b", Errors.TOPIC_AUTHORIZATION_FAILED),
            tuple("c", Errors.NONE));
    assertThat(read.topics().get(1).partitions().get(0).errorMessage()).isNotBlank();
  }

  private static TxnOffsetCommitRequestData txnCommit(String... topics) {
    TxnOffsetCommitRequestData q =
        new TxnOffsetCommitRequestData().setTransactionalId("tx").setGroupId("g");
    for (String t : topics) {
      q.topics()
          .add(
              new TxnOffsetCommitRequestTopic()
                  .setName(t)
                  .setPartitions(
                      List.of(
                          new TxnOffsetCommitRequestPartition().setPartitionIndex(0),
                          new TxnOffsetCommitRequestPartition().setPartitionIndex(1))));
    }
    return q;
  }

  private static TxnOffsetCommitResponseData committed(Object request) {
    TxnOffsetCommitResponseData r = new TxnOffsetCommitResponseData();
    for (var t : ((TxnOffsetCommitRequestData) request).topics()) {
      TxnOffsetCommitResponseTopic topic = new TxnOffsetCommitResponseTopic().setName(t.name());
      t.partitions()
          .forEach(
              p ->
                  topic
                      .partitions()
                      .add(
                          new TxnOffsetCommitResponsePartition()
                              .setPartitionIndex(p.partitionIndex())));
      r.topics().add(topic);
    }
    return r;
  }

  @Test
  void shouldCommitReadableTopicsAndRefuseThePartitionsOfTheOthers() {
    // Given
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, "tx")
        .allow(AclOperation.READ, AclResourceType.GROUP, "g")
        .allow(AclOperation.READ, AclResourceType.TOPIC, "a", "c")
        .answering(TxnGuardsTest::committed);

    // When
    TxnOffsetCommitResponseData response =
        fixture.run(
            TxnGuards.txnOffsetCommit(id -> Optional.empty()),
            ApiKeys.TXN_OFFSET_COMMIT,
            3,
            txnCommit("a", "b", "c"));

    // Then
    assertThat(((TxnOffsetCommitRequestData) fixture.forwarded.get(0)).topics())
        .extracting(t -> t.name())
        .containsExactly("a", "c");
    TxnOffsetCommitResponseData read =
        GuardFixture.onTheWire(ApiKeys.TXN_OFFSET_COMMIT, 3, response);
    assertThat(read.topics())
        .flatExtracting(
            t ->
                t.partitions().stream()
                    .map(
                        p ->
                            t.name()
                                + "-"
                                + p.partitionIndex()
                                + ":"
                                + Errors.forCode(p.errorCode()))
                    .toList())
        .containsExactly(
            "a-0:NONE",
            "a-1:NONE",
            "b-0:TOPIC_AUTHORIZATION_FAILED",
            "b-1:TOPIC_AUTHORIZATION_FAILED",
            "c-0:NONE",
            "c-1:NONE");
  }

  @Test
  void shouldRefuseTheWholeTxnOffsetCommitWithoutTheTransactionalIdOrTheGroup() {
    // Given only the group is readable
    fixture.allow(AclOperation.READ, AclResourceType.GROUP, "g");
    Guard guard = TxnGuards.txnOffsetCommit(id -> Optional.empty());

    // When
    TxnOffsetCommitResponseData noTxn =
        fixture.run(guard, ApiKeys.TXN_OFFSET_COMMIT, 3, txnCommit("a"));
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, "tx")
        .answering(TxnGuardsTest::committed);
    TxnOffsetCommitResponseData allowed =
        fixture.run(guard, ApiKeys.TXN_OFFSET_COMMIT, 3, txnCommit("a"));

    // Then
    assertThat(noTxn.topics().get(0).partitions())
        .extracting(p -> Errors.forCode(p.errorCode()))
        .containsOnly(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    assertThat(allowed.topics().get(0).partitions())
        .extracting(p -> Errors.forCode(p.errorCode()))
        .containsOnly(Errors.TOPIC_AUTHORIZATION_FAILED);
    assertThat(fixture.forwarded).isEmpty();
  }
}
