/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.security.tls.TestCertificates;
import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Clients;
import io.kafscale.e2e.support.Exec;
import io.kafscale.storage.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * librdkafka (kcat) over a SASL_SSL listener with SCRAM-SHA-512: a broker process with a PLAINTEXT
 * and a SASL_SSL listener and an openssl-made CA and server certificate; the SCRAM user is created
 * with Admin#alterUserScramCredentials over the PLAINTEXT listener, then kcat produces and consumes
 * over SASL_SSL, verifying the broker's certificate (and host name) against the CA. A wrong
 * password is refused.
 */
class KcatSaslSslIT {
  private static final String USER = "kcat-user";
  private static final String PASSWORD = "kcat-Secret-42";
  private static final int MESSAGES = 200;

  @TempDir static Path tmp;
  private static TestCertificates certs;
  private static BrokerProcess broker;
  private static String plaintext;
  private static String secure;

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.create(Files.createDirectories(tmp.resolve("certs")));
    // KAFSCALE_LISTENERS replaces the KAFSCALE_BROKER_ADDR BrokerProcess sets, so both listener
    // ports are chosen here; BrokerProcess still owns the admin port it waits on for /readyz.
    plaintext = "127.0.0.1:" + FreePorts.next();
    secure = "127.0.0.1:" + FreePorts.next();
    String listeners = "INTERNAL://" + plaintext + ",SECURE://" + secure;
    broker =
        BrokerProcess.create(
                Files.createDirectories(tmp.resolve("data")),
                Map.of(
                    "KAFSCALE_LISTENERS",
                    listeners,
                    "KAFSCALE_ADVERTISED_LISTENERS",
                    listeners,
                    "KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP",
                    "INTERNAL:PLAINTEXT,SECURE:SASL_SSL",
                    "KAFSCALE_INTER_BROKER_LISTENER_NAME",
                    "INTERNAL",
                    "KAFSCALE_SSL_CERT_FILE",
                    certs.serverCert().toString(),
                    "KAFSCALE_SSL_KEY_FILE",
                    certs.serverKey().toString(),
                    "KAFSCALE_SASL_ENABLED_MECHANISMS",
                    "SCRAM-SHA-512",
                    "KAFSCALE_AUTH_FAILURE_DELAY_MS",
                    "50"))
            .start();
    try (Admin admin = Clients.admin(plaintext)) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD)))
          .all()
          .get();
    }
    // The credential reaches the authenticator through the metadata watch: wait until a login
    // works, so a refused wrong password below is refused for the password, not the user.
    // Control: kafka-clients logs in with the same credential, so a kcat failure below is a
    // librdkafka interoperability problem rather than a missing credential.
    await().atMost(Duration.ofSeconds(30)).until(KcatSaslSslIT::javaClientLogsIn);
    Exec.Result[] last = new Exec.Result[1];
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> (last[0] = kcat(PASSWORD, "-L", "-m", "5")).exitCode() == 0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "kcat never logged in; last kcat: " + last[0] + "\nbroker log:\n" + tail(broker.log()),
          e);
    }
  }

  private static boolean javaClientLogsIn() {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put("bootstrap.servers", secure);
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "SCRAM-SHA-512");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + USER
            + "\" password=\""
            + PASSWORD
            + "\";");
    props.put("ssl.truststore.type", "PEM");
    props.put("ssl.truststore.location", certs.caCert().toString());
    props.put("default.api.timeout.ms", 5000);
    props.put("request.timeout.ms", 5000);
    try (Admin admin = Admin.create(props)) {
      return !admin
          .describeCluster()
          .nodes()
          .get(5, java.util.concurrent.TimeUnit.SECONDS)
          .isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private static String tail(String s) {
    return s.length() < 6000 ? s : s.substring(s.length() - 6000);
  }

  /** kcat against the SASL_SSL listener as {@link #USER} with {@code password}. */
  private static Exec.Result kcat(String password, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kcat",
                "-b",
                secure,
                "-X",
                "security.protocol=SASL_SSL",
                "-X",
                "sasl.mechanisms=SCRAM-SHA-512",
                "-X",
                "sasl.username=" + USER,
                "-X",
                "sasl.password=" + password,
                "-X",
                "ssl.ca.location=" + certs.caCert()));
    command.addAll(List.of(args));
    return Exec.run(command, Map.of(), null, 60);
  }

  @Test
  void shouldProduceAndConsumeWithKcatOverSaslSslWithScram() throws Exception {
    // Given
    String topic = "kcat-sasl-ssl";
    Clients.createTopic(plaintext, topic, 1);
    Path input = tmp.resolve("input.txt");
    List<String> lines =
        IntStream.range(0, MESSAGES).mapToObj(i -> "k" + i + ":secret-value-" + i).toList();
    Files.write(input, lines);

    // When
    kcat(PASSWORD, "-t", topic, "-p", "0", "-P", "-K", ":", "-l", input.toString()).assertSuccess();
    Exec.Result consumed =
        kcat(
                PASSWORD,
                "-t",
                topic,
                "-p",
                "0",
                "-C",
                "-o",
                "beginning",
                "-e",
                "-c",
                Integer.toString(MESSAGES),
                "-f",
                "%o %k %s\\n")
            .assertSuccess();

    // Then
    assertThat(consumed.stdout().lines().toList())
        .containsExactlyElementsOf(
            IntStream.range(0, MESSAGES)
                .mapToObj(i -> i + " k" + i + " secret-value-" + i)
                .toList());
    assertThat(Clients.endOffset(plaintext, new TopicPartition(topic, 0))).isEqualTo(MESSAGES);
  }

  @Test
  void shouldRefuseKcatWithAWrongPassword() {
    // When
    Exec.Result result = kcat("not-the-password", "-L", "-m", "5");

    // Then
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).doesNotContain("broker 0 at");
    assertThat(result.stderr()).containsIgnoringCase("authentication");
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }
}
