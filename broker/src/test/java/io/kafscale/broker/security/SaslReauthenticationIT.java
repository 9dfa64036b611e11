/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.testing.BrokerFixture;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KIP-368 end to end: with a short SASL session lifetime a kafka-clients producer keeps producing
 * on its connection across several lifetimes because it re-authenticates in time, and each
 * re-authentication is a successful authentication on the broker.
 */
class SaslReauthenticationIT {
  private static final long LIFETIME_MS = 1_500;

  private BrokerFixture broker;

  @BeforeEach
  void start() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_LISTENERS", "INTERNAL://127.0.0.1:0,SASL://127.0.0.1:0");
    env.put("KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,SASL:SASL_PLAINTEXT");
    env.put("KAFSCALE_SASL_ENABLED_MECHANISMS", "PLAIN");
    env.put("KAFSCALE_SASL_PLAIN_USERS", "reauth:reauth-pw");
    env.put("KAFSCALE_SASL_SESSION_LIFETIME_MS", Long.toString(LIFETIME_MS));
    env.put("KAFSCALE_S3_NAMESPACE", "sasl-reauth");
    broker = BrokerFixture.start(env);
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldKeepProducingAcrossSessionLifetimesByReauthenticating() throws Exception {
    // Given
    Map<String, Object> props = new HashMap<>();
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        "127.0.0.1:" + broker.broker().kafkaPort("SASL"));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put("sasl.mechanism", "PLAIN");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"reauth\" password=\"reauth-pw\";");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    AtomicInteger acknowledged = new AtomicInteger();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      // When: one acknowledged record every 200 ms for four session lifetimes
      await()
          .pollInterval(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                producer
                    .send(new ProducerRecord<>("reauth", "k", "v" + acknowledged.get()))
                    .get(10, TimeUnit.SECONDS);
                return acknowledged.incrementAndGet() * 200L >= 4 * LIFETIME_MS;
              });
    }
    // Then: every record was acknowledged and the sessions were renewed, not dropped
    assertThat(acknowledged.get()).isGreaterThanOrEqualTo((int) (4 * LIFETIME_MS / 200));
    double successes =
        broker
            .broker()
            .meterRegistry()
            .find(BrokerMeters.AUTHENTICATIONS.meterName())
            .tag("result", "success")
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    assertThat(successes).as("initial logins plus re-authentications").isGreaterThanOrEqualTo(4);
    double failures =
        broker
            .broker()
            .meterRegistry()
            .find(BrokerMeters.AUTHENTICATIONS.meterName())
            .tag("result", "failure")
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    assertThat(failures).isZero();
  }
}
