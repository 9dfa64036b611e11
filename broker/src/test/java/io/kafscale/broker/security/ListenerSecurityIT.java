/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.security.tls.TestCertificates;
import io.kafscale.broker.testing.BrokerFixture;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kafka-clients against one broker with four listeners: PLAINTEXT (INTERNAL), SASL_PLAINTEXT,
 * SSL with mutual TLS requested, and SASL_SSL; PLAIN users from the environment; ACLs enforced with
 * the client certificate's principal as super user.
 */
class ListenerSecurityIT {
  @TempDir static Path certDir;
  private static TestCertificates certs;
  private static BrokerFixture broker;

  @BeforeAll
  static void start() {
    certs = TestCertificates.create(certDir);
    Map<String, String> env = new HashMap<>();
    env.put(
        "KAFSCALE_LISTENERS",
        "INTERNAL://127.0.0.1:0,SASL://127.0.0.1:0,TLS://127.0.0.1:0,SECURE://127.0.0.1:0");
    env.put("KAFSCALE_ADVERTISED_LISTENERS", "SASL://localhost:0");
    env.put(
        "KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP",
        "INTERNAL:PLAINTEXT,SASL:SASL_PLAINTEXT,TLS:SSL,SECURE:SASL_SSL");
    env.put("KAFSCALE_SSL_CERT_FILE", certs.serverCert().toString());
    env.put("KAFSCALE_SSL_KEY_FILE", certs.serverKey().toString());
    env.put("KAFSCALE_SSL_CA_FILE", certs.caCert().toString());
    env.put("KAFSCALE_SSL_CLIENT_AUTH", "requested");
    env.put("KAFSCALE_SSL_RELOAD_INTERVAL_MS", "200");
    env.put("KAFSCALE_SASL_PLAIN_USERS", "alice:alice-secret,bob:bob-secret");
    env.put("KAFSCALE_AUTH_FAILURE_DELAY_MS", "50");
    env.put("KAFSCALE_MAX_PREAUTH_REQUEST_BYTES", "1024");
    broker = BrokerFixture.start(env);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static String bootstrap(String listener) {
    return "127.0.0.1:" + broker.broker().kafkaPort(listener);
  }

  private static Map<String, Object> plain(String user, String password) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put("sasl.mechanism", "PLAIN");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    return props;
  }

  private static Map<String, Object> tls(Map<String, Object> props, boolean clientCert) {
    props.put("ssl.truststore.type", "PEM");
    props.put("ssl.truststore.location", certs.caCert().toString());
    props.put("ssl.endpoint.identification.algorithm", "");
    if (clientCert) {
      props.put("ssl.keystore.type", "PEM");
      props.put("ssl.keystore.location", certs.clientKeystore().toString());
    }
    return props;
  }

  private static void produceAndConsume(
      String bootstrap, Map<String, Object> security, String topic) throws Exception {
    Properties p = new Properties();
    p.putAll(security);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, "k", "v-" + topic)).get();
    }
    Properties c = new Properties();
    c.putAll(security);
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(topic));
      List<String> values = new java.util.ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> values.add(r.value()));
                return !values.isEmpty();
              });
      assertThat(values).containsExactly("v-" + topic);
    }
  }

  @Test
  void shouldProduceAndConsumeOverSaslPlaintextWithPlain() throws Exception {
    produceAndConsume(bootstrap("SASL"), plain("alice", "alice-secret"), "sasl-plain");
  }

  @Test
  void shouldProduceAndConsumeOverSaslSslWithPlain() throws Exception {
    Map<String, Object> props = tls(plain("bob", "bob-secret"), false);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    produceAndConsume(bootstrap("SECURE"), props, "sasl-ssl");
  }

  @Test
  void shouldProduceAndConsumeOverSslWithClientCertificate() throws Exception {
    Map<String, Object> props = tls(new HashMap<>(), true);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    produceAndConsume(bootstrap("TLS"), props, "ssl-mtls");
  }

  @Test
  void shouldRejectWrongPasswordAndCloseConnection() {
    // Given
    Properties p = new Properties();
    p.putAll(plain("alice", "wrong"));
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap("SASL"));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    double failuresBefore =
        broker.broker().kafkaServer().securityMetrics().authenticationCount("failure");
    // When / Then
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("denied", "v")).get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(broker.broker().kafkaServer().securityMetrics().authenticationCount("failure"))
        .isGreaterThan(failuresBefore);
  }

  @Test
  void shouldAdvertiseTheAddressOfTheListenerConnectedTo() throws Exception {
    // Given
    Map<String, Object> internal = new HashMap<>();
    internal.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap("INTERNAL"));
    Map<String, Object> external = plain("alice", "alice-secret");
    external.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap("SASL"));
    // When
    Node viaInternal = onlyNode(internal);
    Node viaSasl = onlyNode(external);
    // Then
    assertThat(viaInternal.host()).isEqualTo("127.0.0.1");
    assertThat(viaInternal.port()).isEqualTo(broker.broker().kafkaPort("INTERNAL"));
    assertThat(viaSasl.host()).isEqualTo("localhost");
    assertThat(viaSasl.port()).isEqualTo(broker.broker().kafkaPort("SASL"));
  }

  private static Node onlyNode(Map<String, Object> props) throws Exception {
    try (Admin admin = Admin.create(props)) {
      DescribeClusterResult cluster = admin.describeCluster();
      return cluster.nodes().get().iterator().next();
    }
  }

  @Test
  void shouldCloseSaslConnectionClaimingHugeFrameAndKeepServingOthers() throws Exception {
    // Given
    try (Socket socket = new Socket("127.0.0.1", broker.broker().kafkaPort("SASL"))) {
      socket.setSoTimeout(5_000);
      // When: a length prefix of 2 GiB - 1 before authenticating
      new DataOutputStream(socket.getOutputStream()).writeInt(Integer.MAX_VALUE);
      // Then
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    produceAndConsume(bootstrap("SASL"), plain("alice", "alice-secret"), "after-huge-frame");
  }

  @Test
  void shouldCloseUnauthenticatedConnectionSendingOtherRequests() throws Exception {
    // Given: a well-formed Metadata v4 request (all topics) without authenticating first
    try (Socket socket = new Socket("127.0.0.1", broker.broker().kafkaPort("SASL"))) {
      socket.setSoTimeout(5_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] body = {0, 3, 0, 4, 0, 0, 0, 1, -1, -1, -1, -1, -1, -1, 0};
      // When
      out.writeInt(body.length);
      out.write(body);
      out.flush();
      // Then
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(
            broker.broker().kafkaServer().securityMetrics().refusedCount("unauthenticated_request"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldServeRotatedCertificateToNewConnections() throws Exception {
    // Given
    String before = serverCertificateSubjectSerial();
    // When
    certs.rotateServer();
    Files.setLastModifiedTime(
        certs.serverCert(), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    // Then
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !serverCertificateSubjectSerial().equals(before));
  }

  private static String serverCertificateSubjectSerial() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    try (SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket("127.0.0.1", broker.broker().kafkaPort("TLS"))) {
      socket.startHandshake();
      var cert = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
      return cert.getSerialNumber().toString();
    }
  }

  /** Trusts any server certificate: the test only reads which certificate is served. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
