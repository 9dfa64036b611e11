/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KIP-890 part 1 on one broker (partition owner and transaction coordinator in one process): a
 * transactional produce to a partition the producer never added to its transaction is refused as
 * Kafka refuses it, one to an added partition is accepted.
 */
class ProduceVerificationIT {
  private static final String TOPIC = "kip890";
  private static BrokerFixture broker;

  @BeforeAll
  static void start() throws Exception {
    broker = BrokerFixture.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  /** InitProducerId once the coordinator partition is owned (it is created with the cluster). */
  private static InitProducerIdResponseData init(TxnWire wire, String transactionalId) {
    InitProducerIdResponseData[] out = new InitProducerIdResponseData[1];
    await("InitProducerId of " + transactionalId)
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              out[0] = wire.initProducerId(transactionalId);
              return out[0].errorCode() == Errors.NONE.code();
            });
    return out[0];
  }

  @Test
  void shouldRejectATransactionalProduceToAPartitionNotAddedWithInvalidTxnStateBeforeV11() {
    try (TxnWire wire = new TxnWire(broker.kafkaPort())) {
      // Given a transactional producer that added no partition
      InitProducerIdResponseData p = init(wire, "kip890-old");
      // When it produces with Produce v10
      PartitionProduceResponse r =
          wire.produce((short) 10, "kip890-old", p.producerId(), p.producerEpoch(), 0, TOPIC, 0);
      // Then
      assertThat(Errors.forCode(r.errorCode())).isEqualTo(Errors.INVALID_TXN_STATE);
      assertThat(r.errorMessage()).isEqualTo("Partition was not added to the transaction");
      assertThat(r.baseOffset()).isEqualTo(-1);
    }
  }

  @Test
  void shouldRejectATransactionalProduceToAPartitionNotAddedWithTransactionAbortableFromV11() {
    try (TxnWire wire = new TxnWire(broker.kafkaPort())) {
      // Given
      InitProducerIdResponseData p = init(wire, "kip890-new");
      // When
      PartitionProduceResponse r =
          wire.produce((short) 11, "kip890-new", p.producerId(), p.producerEpoch(), 0, TOPIC, 1);
      // Then
      assertThat(Errors.forCode(r.errorCode())).isEqualTo(Errors.TRANSACTION_ABORTABLE);
    }
  }

  @Test
  void shouldAcceptATransactionalProduceOnlyToThePartitionAdded() {
    try (TxnWire wire = new TxnWire(broker.kafkaPort())) {
      // Given a producer that added partition 0 only
      InitProducerIdResponseData p = init(wire, "kip890-added");
      assertThat(wire.addPartition("kip890-added", p.producerId(), p.producerEpoch(), TOPIC, 0))
          .isEqualTo(Errors.NONE);
      // When it produces to both partitions
      PartitionProduceResponse added =
          wire.produce((short) 10, "kip890-added", p.producerId(), p.producerEpoch(), 0, TOPIC, 0);
      PartitionProduceResponse second =
          wire.produce((short) 10, "kip890-added", p.producerId(), p.producerEpoch(), 1, TOPIC, 0);
      PartitionProduceResponse other =
          wire.produce((short) 10, "kip890-added", p.producerId(), p.producerEpoch(), 0, TOPIC, 1);
      // Then only the added partition took the batches
      assertThat(Errors.forCode(added.errorCode())).isEqualTo(Errors.NONE);
      assertThat(Errors.forCode(second.errorCode())).isEqualTo(Errors.NONE);
      assertThat(second.baseOffset()).isEqualTo(added.baseOffset() + 1);
      assertThat(Errors.forCode(other.errorCode())).isEqualTo(Errors.INVALID_TXN_STATE);
    }
  }

  @Test
  void shouldRejectAProducerWhoseEpochWasBumpedWithInvalidProducerEpoch() {
    try (TxnWire wire = new TxnWire(broker.kafkaPort())) {
      // Given a producer fenced by a second InitProducerId of its transactional id
      InitProducerIdResponseData old = init(wire, "kip890-fenced");
      init(wire, "kip890-fenced");
      // When the fenced one produces
      PartitionProduceResponse r =
          wire.produce(
              (short) 10, "kip890-fenced", old.producerId(), old.producerEpoch(), 0, TOPIC, 0);
      // Then
      assertThat(Errors.forCode(r.errorCode())).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
    }
  }
}
