/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeReplicaLogDirsResult.ReplicaLogDirInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** DescribeLogDirs through Kafka's AdminClient against an in-process broker. */
class DescribeLogDirsIT {

  @Test
  void shouldReportOneLogDirWithTheSizesOfOwnedPartitions() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "dirs"));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      // Given a topic with data in partition 0 only
      admin
          .createTopics(List.of(new NewTopic("sized", 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < 5; i++) {
          producer
              .send(new ProducerRecord<>("sized", 0, "k", "value-" + i))
              .get(30, TimeUnit.SECONDS);
        }
      }
      int brokerId = broker.broker().brokerId();

      // When
      Map<String, LogDirDescription> dirs =
          admin
              .describeLogDirs(List.of(brokerId))
              .descriptions()
              .get(brokerId)
              .get(30, TimeUnit.SECONDS);

      // Then
      assertThat(dirs).containsOnlyKeys("/dirs");
      LogDirDescription dir = dirs.get("/dirs");
      assertThat(dir.error()).isNull();
      ReplicaInfo p0 = dir.replicaInfos().get(new TopicPartition("sized", 0));
      ReplicaInfo p1 = dir.replicaInfos().get(new TopicPartition("sized", 1));
      assertThat(p0.size()).isPositive();
      assertThat(p0.offsetLag()).isZero();
      assertThat(p0.isFuture()).isFalse();
      assertThat(p1.size()).isZero();
      assertThat(dir.totalBytes()).isEmpty();
      assertThat(dir.usableBytes()).isEmpty();

      // And per replica
      TopicPartitionReplica replica = new TopicPartitionReplica("sized", 0, brokerId);
      ReplicaLogDirInfo info =
          admin
              .describeReplicaLogDirs(Set.of(replica))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(replica);
      assertThat(info.getCurrentReplicaLogDir()).isEqualTo("/dirs");
      assertThat(info.getFutureReplicaLogDir()).isNull();
    }
  }
}
