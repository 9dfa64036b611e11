/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * ACLs through Kafka's AdminClient and their enforcement on real clients against an in-process
 * broker. Every client is User:ANONYMOUS (no SASL/TLS yet), so denial is shown with resources that
 * carry ACLs for other operations or principals.
 */
class AuthorizationIT {
  private static final String ANON = "User:ANONYMOUS";

  private static Admin admin(BrokerFixture broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static AclBinding acl(
      ResourceType type,
      String name,
      PatternType pattern,
      String who,
      AclOperation op,
      AclPermissionType perm) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern), new AccessControlEntry(who, "*", op, perm));
  }

  private static void create(Admin admin, AclBinding... acls) throws Exception {
    admin.createAcls(List.of(acls)).all().get(30, TimeUnit.SECONDS);
  }

  private static KafkaConsumer<String, String> consumer(BrokerFixture broker, String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static KafkaProducer<String, String> producer(BrokerFixture broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000),
        new StringSerializer(),
        new StringSerializer());
  }

  private static Map<String, String> enabled(String namespace, boolean open, String superUsers) {
    var env = new java.util.HashMap<String, String>();
    env.put("KAFSCALE_S3_NAMESPACE", namespace);
    env.put("KAFSCALE_AUTHORIZER_ENABLED", "true");
    env.put("KAFSCALE_ALLOW_EVERYONE_IF_NO_ACL_FOUND", Boolean.toString(open));
    if (superUsers != null) {
      env.put("KAFSCALE_SUPER_USERS", superUsers);
    }
    return env;
  }

  @Test
  void shouldRoundTripAclsWithPrefixesAndFilters() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start(enabled("acl-rt", false, ANON));
        Admin admin = admin(broker)) {
      // Given
      AclBinding literal =
          acl(
              ResourceType.TOPIC,
              "orders",
              PatternType.LITERAL,
              "User:alice",
              AclOperation.READ,
              AclPermissionType.ALLOW);
      AclBinding prefixed =
          acl(
              ResourceType.TOPIC,
              "ord",
              PatternType.PREFIXED,
              "User:bob",
              AclOperation.WRITE,
              AclPermissionType.DENY);
      AclBinding group =
          acl(
              ResourceType.GROUP,
              "g1",
              PatternType.LITERAL,
              "User:alice",
              AclOperation.READ,
              AclPermissionType.ALLOW);
      create(admin, literal, prefixed, group);

      // When
      Collection<AclBinding> all =
          admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
      Collection<AclBinding> matchOrders =
          admin
              .describeAcls(
                  new AclBindingFilter(
                      new ResourcePatternFilter(ResourceType.TOPIC, "orders", PatternType.MATCH),
                      AccessControlEntryFilter.ANY))
              .values()
              .get(30, TimeUnit.SECONDS);
      Collection<AclBinding> deleted =
          admin
              .deleteAcls(
                  List.of(
                      new AclBindingFilter(
                          new ResourcePatternFilter(
                              ResourceType.TOPIC, "ord", PatternType.PREFIXED),
                          AccessControlEntryFilter.ANY)))
              .all()
              .get(30, TimeUnit.SECONDS);

      // Then
      assertThat(all).containsExactlyInAnyOrder(literal, prefixed, group);
      assertThat(matchOrders).containsExactlyInAnyOrder(literal, prefixed);
      assertThat(deleted).containsExactly(prefixed);
      assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
          .containsExactlyInAnyOrder(literal, group);
    }
  }

  @Test
  void shouldEnforceTopicGroupDenyAndHiddenTopics() throws Exception {
    // Given: resources without ACLs are open, so User:ANONYMOUS can set everything up
    try (BrokerFixture broker = BrokerFixture.start(enabled("acl-enf", true, null));
        Admin admin = admin(broker)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("open", 1, (short) 1),
                  new NewTopic("secret", 1, (short) 1),
                  new NewTopic("both", 1, (short) 1),
                  new NewTopic("hidden", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = producer(broker)) {
        producer.send(new ProducerRecord<>("secret", "k", "v")).get(30, TimeUnit.SECONDS);
      }
      create(
          admin,
          acl(
              ResourceType.TOPIC,
              "secret",
              PatternType.LITERAL,
              ANON,
              AclOperation.DESCRIBE,
              AclPermissionType.ALLOW),
          acl(
              ResourceType.GROUP,
              "locked",
              PatternType.LITERAL,
              ANON,
              AclOperation.DESCRIBE,
              AclPermissionType.ALLOW),
          acl(
              ResourceType.TOPIC,
              "both",
              PatternType.LITERAL,
              ANON,
              AclOperation.ALL,
              AclPermissionType.ALLOW),
          acl(
              ResourceType.TOPIC,
              "both",
              PatternType.LITERAL,
              "User:*",
              AclOperation.WRITE,
              AclPermissionType.DENY),
          acl(
              ResourceType.TOPIC,
              "hidden",
              PatternType.LITERAL,
              "User:bob",
              AclOperation.READ,
              AclPermissionType.ALLOW));

      // Then: a consumer without READ on the topic
      try (KafkaConsumer<String, String> consumer = consumer(broker, "free")) {
        consumer.assign(List.of(new TopicPartition("secret", 0)));
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .isInstanceOf(TopicAuthorizationException.class);
      }
      // And: a group without READ
      try (KafkaConsumer<String, String> consumer = consumer(broker, "locked")) {
        consumer.subscribe(List.of("open"));
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .isInstanceOf(GroupAuthorizationException.class);
      }
      // And: DENY WRITE beats ALLOW ALL
      try (KafkaProducer<String, String> producer = producer(broker)) {
        assertThatThrownBy(
                () ->
                    producer.send(new ProducerRecord<>("both", "k", "v")).get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TopicAuthorizationException.class);
      }
      // And: Metadata hides topics the principal may not describe
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .contains("open", "secret", "both")
          .doesNotContain("hidden");
    }
  }

  @Test
  void shouldAllowSuperUsersEverythingDespiteDenies() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start(enabled("acl-super", false, ANON));
        Admin admin = admin(broker)) {
      // Given
      create(
          admin,
          acl(
              ResourceType.TOPIC,
              "*",
              PatternType.LITERAL,
              "User:*",
              AclOperation.ALL,
              AclPermissionType.DENY),
          acl(
              ResourceType.GROUP,
              "*",
              PatternType.LITERAL,
              "User:*",
              AclOperation.ALL,
              AclPermissionType.DENY));

      // When
      try (KafkaProducer<String, String> producer = producer(broker)) {
        producer.send(new ProducerRecord<>("anything", "k", "v")).get(30, TimeUnit.SECONDS);
      }
      try (KafkaConsumer<String, String> consumer = consumer(broker, "su")) {
        consumer.subscribe(List.of("anything"));
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen == 0 && System.nanoTime() < deadline) {
          seen += consumer.poll(Duration.ofMillis(200)).count();
        }

        // Then
        assertThat(seen).isEqualTo(1);
      }
    }
  }

  @Test
  void shouldAnswerSecurityDisabledWhenTheAuthorizerIsOff() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "acl-off"));
        Admin admin = admin(broker)) {
      assertThatThrownBy(
              () -> admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SecurityDisabledException.class);
    }
  }

  private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200));
    }
  }
}
