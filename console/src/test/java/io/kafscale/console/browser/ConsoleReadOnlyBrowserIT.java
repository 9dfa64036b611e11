/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import static io.kafscale.console.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console started with {@code KAFSCALE_CONSOLE_READ_ONLY=true}: pages still show the cluster but
 * offer no action that would change it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleReadOnlyBrowserIT {
  private static final String TOPIC = "read-only-topic";
  private ConsoleStack stack;
  private Browser browser;

  @RegisterExtension final ScreenshotOnFailure failures = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  void start() throws Exception {
    assertThat(Browser.available()).as("chromium and chromedriver are installed").isTrue();
    stack = ConsoleStack.start(true);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    browser = Browser.start(stack.consoleUrl());
    browser.open("");
    browser.type("login-username", ConsoleStack.USER);
    browser.type("login-password", ConsoleStack.PASSWORD);
    browser.click("login-submit");
    browser.waitFor("page-title");
  }

  @AfterEach
  void noScriptErrorsOrCspViolations() {
    assertThat(browser.pageErrors()).as("errors and CSP violations in the page").isEmpty();
  }

  @AfterAll
  void stop() {
    if (browser != null) browser.close();
    if (stack != null) stack.close();
  }

  @Test
  void shouldShowTopicsWithoutCreateOrDeleteActions() {
    // When the topics page is shown in a read-only session
    browser.go("#/topics");
    browser.waitFor("topic-row-" + TOPIC);

    // Then the badge says read-only and no action that writes is offered
    assertThat(browser.waitFor("read-only-badge").getText()).isEqualTo("read-only");
    assertThat(browser.all("create-topic")).isEmpty();
    assertThat(browser.all("topic-delete")).isEmpty();
    browser.screenshot("20-read-only-topics");
  }

  @Test
  void shouldBrowseMessagesButOfferNoProduceForm() {
    // When a topic's detail and messages pages are shown
    browser.go("#/topics/" + TOPIC);
    browser.waitFor("partitions-table");

    // Then neither delete, add partitions, config edits nor produce are offered
    assertThat(browser.all("topic-detail-delete")).isEmpty();
    assertThat(browser.all("add-partitions-form")).isEmpty();
    assertThat(browser.all("config-add-form")).isEmpty();
    assertThat(browser.all("config-edit")).isEmpty();
    browser.go("#/topics/" + TOPIC + "/messages");
    browser.waitFor(testid("messages-table"));
    assertThat(browser.all("produce-form")).isEmpty();
  }
}
