/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import static io.kafscale.console.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against an in-process broker and console on loopback: log
 * in, create/edit/delete a topic, produce and browse messages, watch a consumer group's lag appear
 * and drop, reset offsets with a dry run before applying, and the overview and brokers pages. Saves
 * a screenshot of every page to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleBrowserIT {
  private ConsoleStack stack;
  private Browser browser;

  @RegisterExtension final ScreenshotOnFailure failures = new ScreenshotOnFailure(() -> browser);
  private Admin admin;

  @BeforeAll
  void startStack() throws Exception {
    assertThat(Browser.available())
        .as("chromium and chromedriver are installed (scripts/install-test-deps.sh)")
        .isTrue();
    stack = ConsoleStack.start(false);
    browser = Browser.start(stack.consoleUrl());
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }

  @AfterEach
  void noScriptErrorsOrCspViolations() {
    assertThat(browser.pageErrors()).as("errors and CSP violations in the page").isEmpty();
  }

  @AfterAll
  void stopStack() {
    if (admin != null) admin.close(Duration.ofSeconds(5));
    if (browser != null) browser.close();
    if (stack != null) stack.close();
  }

  @BeforeEach
  void loggedIn() {
    browser.open("#/overview");
    browser.waitUntil(
        d ->
            !d.findElements(testid("login-form")).isEmpty()
                || !d.findElements(testid("page-title")).isEmpty());
    if (!browser.all("login-form").isEmpty()) {
      logIn(ConsoleStack.PASSWORD);
      browser.waitFor("page-title");
    }
  }

  @Test
  void shouldRejectAWrongPasswordLogInWithTheRightOneAndLogOut() {
    // Given a browser without a session
    browser.driver().manage().deleteAllCookies();
    browser.open("");
    browser.waitFor("login-form");
    browser.screenshot("01-login");

    // When the password is wrong
    logIn("not-the-password");

    // Then the form says so and stays
    browser.waitText(testid("login-error"), "Wrong user name or password.");
    assertThat(browser.all("nav-overview")).allMatch(e -> !e.isDisplayed());

    // When the password is right
    logIn(ConsoleStack.PASSWORD);

    // Then the overview opens with the user shown
    browser.waitText(testid("page-title"), "Overview");
    assertThat(browser.waitFor("user-name").getText()).isEqualTo(ConsoleStack.USER);

    // When the user logs out
    browser.click("logout");

    // Then the login form is back
    browser.waitText(testid("login-error"), "You are logged out.");
    browser.waitFor("login-form");
  }

  @Test
  void shouldShowTheClusterOnTheOverviewAndBrokersPages() {
    // Given some traffic, so that rates and charts have data
    String topic = "browser-overview";
    createTopic(topic, 1);
    produce(topic, 10);

    // When the overview is shown
    browser.go("#/overview");

    // Then it shows the broker, healthy sources, live rates and both charts, never a made-up value
    browser.waitText(testid("stat-brokers-value"), "1");
    browser.waitFor("health-kafka");
    browser.waitFor("rate-produce");
    browser.waitFor(By.cssSelector("[data-testid='chart-throughput'] canvas"));
    browser.waitFor(By.cssSelector("[data-testid='chart-s3'] canvas"));
    browser.waitFor(testid("broker-row-" + stack.brokerId()));
    assertNoMadeUpValues();
    browser.screenshot("02-overview");

    // When the brokers page and one broker's page are shown
    browser.go("#/brokers");
    browser.waitFor("broker-row-" + stack.brokerId());
    browser.screenshot("03-brokers");
    browser.click(By.cssSelector("[data-testid='broker-row-" + stack.brokerId() + "'] a"));

    // Then the broker's configuration is listed
    browser.waitFor("broker-config-table");
    assertNoMadeUpValues();
    browser.screenshot("04-broker-detail");
  }

  @Test
  void shouldCreateATopicEditItAndDeleteItAfterConfirmation() throws Exception {
    String topic = "browser-orders-" + suffix();
    // Given the topics page
    browser.go("#/topics");
    browser.waitFor("topics-table");

    // When a topic with 3 partitions and a retention override is created
    browser.click(By.cssSelector("[data-testid='create-topic'] summary"));
    browser.type("create-topic-name", topic);
    browser.type("create-topic-partitions", "3");
    browser.type("create-topic-configs", "retention.ms=3600000");
    browser.click("create-topic-submit");

    // Then it is listed with its partitions and exists in the cluster
    browser.waitText(
        By.cssSelector("[data-testid='topic-row-" + topic + "'] [data-testid='topic-partitions']"),
        "3");
    assertThat(admin.listTopics().names().get()).contains(topic);
    browser.screenshot("05-topics");

    // When its detail page is opened
    browser.click(By.cssSelector("[data-testid='topic-row-" + topic + "'] a"));

    // Then every partition and the override are shown
    browser.waitFor("partitions-table");
    assertThat(browser.all("partition-owner")).hasSize(3);
    browser.waitText(
        By.cssSelector("[data-testid='config-retention.ms'] [data-testid='config-value']"),
        "3600000");
    browser.screenshot("06-topic-detail");

    // When partitions are added and a config is changed
    browser.type("add-partitions-count", "4");
    browser.click("add-partitions-submit");
    browser.waitUntil(d -> d.findElements(testid("partition-owner")).size() == 4);
    browser.type("config-add-key", "retention.ms");
    browser.type("config-add-value", "7200000");
    browser.click("config-add-submit");

    // Then both are visible
    browser.waitText(
        By.cssSelector("[data-testid='config-retention.ms'] [data-testid='config-value']"),
        "7200000");

    // When the topic is deleted (the dialog wants the name typed)
    browser.click("topic-detail-delete");
    browser.waitFor("confirm-dialog");
    assertThat(browser.waitFor("confirm-ok").isEnabled()).isFalse();
    browser.type("confirm-input", topic);
    browser.click("confirm-ok");

    // Then the topics page no longer lists it and the cluster no longer has it
    browser.waitUntil(d -> d.getCurrentUrl().endsWith("#/topics"));
    browser.waitFor("topics-table");
    browser.waitUntil(d -> d.findElements(testid("topic-row-" + topic)).isEmpty());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain(topic));
  }

  @Test
  void shouldBrowseMessagesNewestFirstAndProduceATestMessage() {
    // Given a topic with three records
    String topic = "browser-messages-" + suffix();
    createTopic(topic, 1);
    produce(topic, 3);

    // When its messages are browsed
    browser.go("#/topics/" + topic + "/messages");
    browser.waitFor("messages-table");

    // Then they are listed newest first with key, value and headers
    browser.waitUntil(d -> offsetsShown().equals(List.of("2", "1", "0")));
    WebElement newest = browser.driver().findElement(testid("message-" + 0 + "-" + 2));
    assertThat(newest.findElement(testid("message-key")).getText()).isEqualTo("key-2");
    assertThat(newest.findElement(testid("message-value")).getText())
        .contains("\"n\"")
        .contains("2");
    assertThat(newest.findElement(testid("message-headers")).getText())
        .contains("origin")
        .contains("test");

    // When a test message is produced from the page
    browser.type("produce-key", "ui-key");
    browser.type("produce-value", "hello from the browser");
    browser.type("produce-headers", "source=console");
    browser.click("produce-submit");

    // Then the page reports where it went and lists it first
    browser.waitText(testid("produce-result"), "Produced to partition 0 at offset 3.");
    browser.waitUntil(d -> !offsetsShown().isEmpty() && offsetsShown().get(0).equals("3"));
    WebElement produced = browser.driver().findElement(testid("message-0-3"));
    assertThat(produced.findElement(testid("message-value")).getText())
        .isEqualTo("hello from the browser");
    assertThat(produced.findElement(testid("message-key")).getText()).isEqualTo("ui-key");
    browser.screenshot("07-messages");

    // When the values are shown as hex, from offset 1
    browser.select("browse-format", "hex");
    browser.select("browse-mode", "offset");
    browser.type("browse-offset", "1");
    browser.click("browse-submit");

    // Then the range starts at offset 1 and the bytes are hex
    browser.waitUntil(d -> offsetsShown().equals(List.of("3", "2", "1")));
    String hex =
        browser
            .driver()
            .findElement(testid("message-0-3"))
            .findElement(testid("message-value"))
            .getText()
            .replaceAll("[^0-9a-fA-F]", "")
            .toLowerCase();
    assertThat(hex).startsWith("68656c6c6f"); // "hello"
  }

  @Test
  void shouldShowConsumerGroupLagAppearAndDrop() {
    // Given 20 records and a group whose member committed only the first 5
    String topic = "browser-lag-" + suffix();
    String group = "browser-lag-group-" + suffix();
    createTopic(topic, 1);
    produce(topic, 20);
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer = consumer(group)) {
      consumeAll(consumer, topic, 20);
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(5)));

      // When the groups page is shown
      browser.go("#/groups");

      // Then the group is listed, and its page shows the lag of 15
      browser.waitFor("group-row-" + group);
      browser.screenshot("08-groups");
      browser.click(By.cssSelector("[data-testid='group-row-" + group + "'] a"));
      browser.waitText(testid("group-total-lag-value"), "15");
      browser.waitText(
          By.cssSelector("[data-testid='offset-row-" + topic + "-0'] [data-testid='offset-lag']"),
          "15");
      browser.waitFor(By.cssSelector("[data-testid='chart-lag'] canvas"));
      browser.screenshot("09-group-detail-lag");

      // When the consumer catches up
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(20)));

      // Then the lag drops to 0 without reloading the page
      browser.waitText(testid("group-total-lag-value"), "0");
      assertThat(browser.all("login-form")).isEmpty();
    }
  }

  @Test
  void shouldResetOffsetsWithADryRunBeforeApplyingThenDeleteTheGroup() throws Exception {
    // Given an empty group that committed all 20 records of a topic
    String topic = "browser-reset-" + suffix();
    String group = "browser-reset-group-" + suffix();
    createTopic(topic, 1);
    produce(topic, 20);
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer = consumer(group)) {
      consumeAll(consumer, topic, 20);
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(20)));
    }
    browser.go("#/groups/" + group);
    browser.waitText(
        By.cssSelector(
            "[data-testid='offset-row-" + topic + "-0'] [data-testid='offset-committed']"),
        "20");
    browser.waitText(testid("group-member-count-value"), "0");

    // When a reset to the earliest offset is previewed
    browser.type("reset-topic", topic);
    browser.select("reset-strategy", "earliest");
    browser.click("reset-dry-run");

    // Then the preview shows 20 → 0 and nothing changed yet
    String row = "[data-testid='reset-row-" + topic + "-0'] ";
    browser.waitText(By.cssSelector(row + "[data-testid='reset-current']"), "20");
    browser.waitText(By.cssSelector(row + "[data-testid='reset-new']"), "0");
    assertThat(committed(group, tp)).isEqualTo(20);
    browser.screenshot("10-reset-dry-run");

    // When the reset is applied
    browser.click("reset-apply");

    // Then the group's committed offset is 0 and the page shows the lag of 20
    browser.waitFor("reset-applied");
    await().atMost(Duration.ofSeconds(10)).until(() -> committed(group, tp) == 0);
    browser.waitText(testid("group-total-lag-value"), "20");

    // When the group is deleted after confirmation
    browser.click("group-delete");
    browser.type("confirm-input", group);
    browser.click("confirm-ok");

    // Then it is gone from the list and from the cluster
    browser.waitUntil(d -> d.getCurrentUrl().endsWith("#/groups"));
    browser.waitFor("groups-table");
    browser.waitUntil(d -> d.findElements(testid("group-row-" + group)).isEmpty());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(admin.listGroups().all().get())
                    .noneMatch(g -> g.groupId().equals(group)));
  }

  private void logIn(String password) {
    browser.type("login-username", ConsoleStack.USER);
    browser.type("login-password", password);
    browser.click("login-submit");
  }

  private List<String> offsetsShown() {
    List<String> out = new ArrayList<>();
    for (WebElement e : browser.all("message-offset")) out.add(e.getText().trim());
    return out;
  }

  /** The page shows "—"/"unknown" for absent values, never a JavaScript artefact. */
  private void assertNoMadeUpValues() {
    String text = browser.waitFor("main").getText();
    assertThat(text).doesNotContain("NaN").doesNotContain("undefined").doesNotContain("[object");
  }

  private void createTopic(String topic, int partitions) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create " + topic, e);
    }
  }

  private void produce(String topic, int count) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // Bounded waits: a broker that stops answering fails the test instead of hanging it.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ProducerRecord<String, String> rec =
            new ProducerRecord<>(topic, 0, "key-" + i, "{\"n\":" + i + "}");
        rec.headers().add("origin", "test".getBytes(StandardCharsets.UTF_8));
        sent.add(producer.send(rec));
      }
      for (Future<RecordMetadata> f : sent) f.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not produce to " + topic, e);
    }
  }

  private KafkaConsumer<String, String> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private static void consumeAll(KafkaConsumer<String, String> consumer, String topic, int count) {
    consumer.subscribe(Set.of(topic));
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
              return seen.size() >= count;
            });
  }

  private long committed(String group, TopicPartition tp) throws Exception {
    OffsetAndMetadata om =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
    return om == null ? -1 : om.offset();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
