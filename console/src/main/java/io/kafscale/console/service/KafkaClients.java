/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The console's Kafka clients, all bounded by one timeout: a shared {@link Admin}, a shared
 * producer created on first use, and short-lived consumers (one per message-browser request: a
 * consumer is not thread-safe). Thread-safe; closes what it created.
 */
public final class KafkaClients implements AutoCloseable {
  private final String bootstrapServers;
  private final Map<String, String> extra;
  private final Duration timeout;
  private final Admin admin;
  private KafkaProducer<byte[], byte[]> producer;

  public KafkaClients(String bootstrapServers, Duration timeout) {
    this(bootstrapServers, Map.of(), timeout);
  }

  /**
   * @param extra Kafka client properties for every client (security settings for secured
   *     listeners); the console's own settings win over them
   */
  public KafkaClients(String bootstrapServers, Map<String, String> extra, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.extra = Map.copyOf(extra);
    this.timeout = timeout;
    Properties props = base("kafscale-console-admin");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    this.admin = Admin.create(props);
  }

  public Admin admin() {
    return admin;
  }

  public long timeoutMs() {
    return timeout.toMillis();
  }

  public synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Properties props = base("kafscale-console-producer");
      int ms = (int) timeout.toMillis();
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms + 100);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  /** A new consumer without a group (assign/seek only, never commits); the caller closes it. */
  public KafkaConsumer<byte[], byte[]> newConsumer(int maxPollRecords) {
    Properties props = base("kafscale-console-browser");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    // Bounds one poll's memory (the default is 50 MiB); the browser shows at most 500 records.
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  private Properties base(String clientId) {
    return base(bootstrapServers, extra, clientId);
  }

  /** The pass-through properties first, then the console's (which therefore win). */
  static Properties base(String bootstrapServers, Map<String, String> extra, String clientId) {
    Properties props = new Properties();
    props.putAll(extra);
    props.put("bootstrap.servers", bootstrapServers);
    props.put("client.id", clientId);
    return props;
  }

  @Override
  public synchronized void close() {
    admin.close(Duration.ofSeconds(2));
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
