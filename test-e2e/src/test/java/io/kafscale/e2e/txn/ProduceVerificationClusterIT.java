/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.broker.txn.TxnWire;
import io.kafscale.e2e.cluster.ClusterHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-890 part 1 across two broker processes: the partition owner asks the transaction coordinator
 * on the other broker (AddPartitionsToTxn v4+ with verifyOnly over the inter-broker client) and
 * refuses a transactional produce to a partition never added to the transaction, as Kafka does;
 * once the partition was added, the same produce is accepted.
 */
class ProduceVerificationClusterIT {
  private static final String TOPIC = "kip890-cluster";
  private static final int PARTITIONS = 4;

  @TempDir Path tmp;
  private ClusterHarness cluster;

  @BeforeEach
  void startCluster() {
    cluster = ClusterHarness.start(tmp, 2);
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldRejectAProduceToAPartitionNotAddedWhenTheCoordinatorIsOnTheOtherBroker() {
    // Given: both brokers lead partitions, and a transactional id coordinated by broker X
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(30), 2, 2);
    String transactionalId = "kip890-remote";
    int coordinatorPort = coordinatorPort(transactionalId);
    BrokerProcess coordinator =
        cluster.brokers().stream()
            .filter(b -> b.kafkaPort() == coordinatorPort)
            .findFirst()
            .orElseThrow();
    BrokerProcess owner =
        cluster.brokers().stream().filter(b -> b != coordinator).findFirst().orElseThrow();
    List<Integer> owned = cluster.partitionsLedBy(TOPIC, owner);
    assertThat(owned).hasSize(2);
    try (TxnWire toCoordinator = new TxnWire(coordinator.kafkaPort());
        TxnWire toOwner = new TxnWire(owner.kafkaPort())) {
      InitProducerIdResponseData p = init(toCoordinator, transactionalId);

      // When: transactional batches to the other broker's partitions, none added
      PartitionProduceResponse v10 =
          toOwner.produce(
              (short) 10,
              transactionalId,
              p.producerId(),
              p.producerEpoch(),
              0,
              TOPIC,
              owned.get(0));
      PartitionProduceResponse v11 =
          toOwner.produce(
              (short) 11,
              transactionalId,
              p.producerId(),
              p.producerEpoch(),
              0,
              TOPIC,
              owned.get(1));

      // Then: refused with Kafka's errors
      assertThat(Errors.forCode(v10.errorCode())).isEqualTo(Errors.INVALID_TXN_STATE);
      assertThat(v10.errorMessage()).isEqualTo("Partition was not added to the transaction");
      assertThat(Errors.forCode(v11.errorCode())).isEqualTo(Errors.TRANSACTION_ABORTABLE);

      // When: the partition is added to the transaction and the batch sent again
      assertThat(
              toCoordinator.addPartition(
                  transactionalId, p.producerId(), p.producerEpoch(), TOPIC, owned.get(0)))
          .isEqualTo(Errors.NONE);
      PartitionProduceResponse accepted =
          toOwner.produce(
              (short) 10,
              transactionalId,
              p.producerId(),
              p.producerEpoch(),
              0,
              TOPIC,
              owned.get(0));

      // Then: the remote coordinator confirmed it
      assertThat(Errors.forCode(accepted.errorCode())).isEqualTo(Errors.NONE);
      assertThat(accepted.baseOffset()).isZero();
    }
  }

  private int coordinatorPort(String transactionalId) {
    int[] port = new int[1];
    await("coordinator of " + transactionalId)
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try (TxnWire wire = new TxnWire(cluster.broker(0).kafkaPort())) {
                port[0] = wire.coordinatorPortOf(transactionalId);
                return true;
              }
            });
    return port[0];
  }

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
}
