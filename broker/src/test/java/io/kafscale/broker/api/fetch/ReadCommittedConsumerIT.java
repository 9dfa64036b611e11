/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.ApiSettings;
import io.kafscale.broker.api.KafkaApis;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.broker.cluster.ClusterSettings;
import io.kafscale.broker.config.HostPort;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.network.BrokerServer;
import io.kafscale.broker.partition.MetadataSegmentCommitter;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.PartitionLogFactory;
import io.kafscale.storage.log.StorageConfig;
import io.kafscale.storage.log.TxnMarker;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real KafkaConsumer over loopback reads a log holding committed, aborted and open transactions
 * (batches and markers written straight to the log, as the coordinator will): read_committed sees
 * only committed data, read_uncommitted every data record, neither a control record.
 */
class ReadCommittedConsumerIT {
  private static final short EPOCH = 0;

  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final Metadata metadata =
      StoreMetadata.open(new InMemoryMetadataStore(Clock.systemUTC()));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private PartitionLogFactory logs;
  private BrokerServer server;
  private ClusterNode node;
  private KafkaApis apis;
  private String bootstrap;

  @BeforeEach
  void setUp() throws Exception {
    logs =
        new PartitionLogFactory(
                objects,
                new MetadataSegmentCommitter(metadata.partitions()),
                new StorageConfig("it", 1 << 20, Duration.ofMillis(1), 16 << 20, 4096),
                Clock.systemUTC(),
                meters)
            .withTransactions(true);
    server =
        new BrokerServer(
            new NetworkConfig(
                new HostPort("127.0.0.1", 0),
                "127.0.0.1",
                0,
                new HostPort("127.0.0.1", 0),
                1 << 20,
                1 << 20),
            meters);
    int port = server.bind();
    node =
        ClusterNode.start(
                metadata,
                logs,
                objects,
                new BrokerRecord(
                    1, "127.0.0.1", port, Optional.empty(), 0, false, UUID.randomUUID() + ""),
                ClusterSettings.of(Duration.ofSeconds(10), Duration.ofSeconds(5)),
                Clock.systemUTC(),
                meters,
                reason -> {
                  throw new AssertionError(reason);
                })
            .join();
    apis =
        new KafkaApis(
            new ApiSettings(1, "127.0.0.1", port, null, false, 1, (short) 1, "it"),
            metadata,
            node.topics(),
            node.view(),
            meters,
            Clock.systemUTC());
    server.start(apis);
    bootstrap = "127.0.0.1:" + port;
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    if (apis != null) {
      apis.close();
    }
    if (node != null) {
      node.close();
    }
    if (logs != null) {
      logs.close();
    }
    objects.close();
    metadata.close();
  }

  private static ByteBuffer plain(String value) {
    return MemoryRecords.withRecords(Compression.NONE, record(value)).buffer();
  }

  private static ByteBuffer txn(long producerId, String value) {
    return MemoryRecords.withTransactionalRecords(
            Compression.NONE, producerId, EPOCH, 0, record(value))
        .buffer();
  }

  private static SimpleRecord record(String value) {
    return new SimpleRecord(1000L, null, value.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> readAll(String isolation, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition tp = new TopicPartition("tx", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                  values.add(r.value());
                }
                return values.size() >= expected;
              });
      // A further poll must bring nothing more (control records and aborted data stay hidden).
      consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
    }
    return values;
  }

  @Test
  void shouldHideAbortedAndOpenTransactionsFromReadCommittedConsumers() throws Exception {
    // Given a committed, an aborted and an open transaction between plain records
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic("tx", 1, (short) 1))).all().get();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> node.topics().log("tx", 0).isPresent());
    PartitionLog log = node.topics().log("tx", 0).orElseThrow();
    log.append(plain("a")).join();
    log.append(txn(1, "aborted")).join();
    log.append(txn(2, "committed")).join();
    log.appendMarker(new TxnMarker(1, EPOCH, false, 0)).join();
    log.appendMarker(new TxnMarker(2, EPOCH, true, 0)).join();
    log.append(plain("b")).join();
    log.append(txn(3, "open")).join();
    // When
    List<String> committed = readAll("read_committed", 3);
    List<String> uncommitted = readAll("read_uncommitted", 5);
    // Then
    assertThat(log.lastStableOffset()).isEqualTo(6);
    assertThat(committed).containsExactly("a", "committed", "b");
    assertThat(uncommitted).containsExactly("a", "aborted", "committed", "b", "open");
  }
}
