/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACLs propagate between brokers through etcd: two in-process brokers on one real etcd, an ACL
 * created through broker A is enforced by broker B. Every client is User:ANONYMOUS (no SASL yet),
 * so A makes it a super user (to manage ACLs) and B does not: any refusal can only come from B.
 */
class AclPropagationIT {
  private static final String TOPIC = "orders";

  @RegisterExtension static final EtcdMetadataExtension ETCD = new EtcdMetadataExtension();

  private static Map<String, String> env(String superUsers) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_ETCD_ENDPOINTS", ETCD.server().endpoint());
    env.put("KAFSCALE_AUTHORIZER_ENABLED", "true");
    env.put("KAFSCALE_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
    if (superUsers != null) {
      env.put("KAFSCALE_SUPER_USERS", superUsers);
    }
    return env;
  }

  private static KafkaProducer<String, String> producer(BrokerFixture broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false,
            ProducerConfig.ACKS_CONFIG,
            "1",
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            5_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            4_000),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Sends one record to {@code partition} through a fresh producer bootstrapped to {@code b}. */
  private static void sendThrough(BrokerFixture b, int partition) throws Exception {
    try (KafkaProducer<String, String> producer = producer(b)) {
      producer.send(new ProducerRecord<>(TOPIC, partition, "k", "v")).get(10, TimeUnit.SECONDS);
    }
  }

  /** A partition of the topic whose leader is {@code broker}, as the cluster reports it. */
  private static int partitionLedBy(Admin admin, BrokerFixture broker) {
    int[] found = {-1};
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              TopicDescription d =
                  admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
              found[0] =
                  d.partitions().stream()
                      .filter(p -> p.leader() != null && p.leader().port() == broker.kafkaPort())
                      .mapToInt(TopicPartitionInfo::partition)
                      .findFirst()
                      .orElse(-1);
              assertThat(found[0]).isNotNegative();
            });
    return found[0];
  }

  @Test
  void shouldEnforceOnBrokerBAnAclCreatedThroughBrokerA() throws Exception {
    try (BrokerFixture a = BrokerFixture.start(env("User:ANONYMOUS"));
        BrokerFixture b = BrokerFixture.start(env(null));
        Admin adminA =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrapServers()))) {
      // Given a topic created through A, and one of its partitions led by B
      adminA
          .createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      int partition = partitionLedBy(adminA, b);

      // Then B refuses a producer bootstrapped only to it: no ACL allows User:ANONYMOUS
      assertThatThrownBy(() -> sendThrough(b, partition))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);

      // When an ALLOW is created through A
      adminA
          .createAcls(
              List.of(
                  new AclBinding(
                      new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                      new AccessControlEntry(
                          "User:ANONYMOUS", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
          .all()
          .get(30, TimeUnit.SECONDS);

      // Then B lets the producer write to the partition it leads
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(ExecutionException.class)
          .untilAsserted(() -> sendThrough(b, partition));
    }
  }
}
