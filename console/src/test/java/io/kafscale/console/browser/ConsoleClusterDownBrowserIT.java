/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import static io.kafscale.console.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The console after its only broker stopped: pages say what is down, with the API's message, and
 * show "—" where a number is unknown, never a stale or invented one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleClusterDownBrowserIT {
  private ConsoleStack stack;
  private Browser browser;

  @RegisterExtension final ScreenshotOnFailure failures = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  void start() throws Exception {
    assertThat(Browser.available()).as("chromium and chromedriver are installed").isTrue();
    stack =
        ConsoleStack.start(
            Map.of(
                "KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS", "1500",
                "KAFSCALE_CONSOLE_BROKER_TIMEOUT_MS", "500"));
    browser = Browser.start(stack.consoleUrl());
    browser.open("");
    browser.type("login-username", ConsoleStack.USER);
    browser.type("login-password", ConsoleStack.PASSWORD);
    browser.click("login-submit");
    browser.waitText(testid("stat-brokers-value"), "1");
    stack.stopBroker();
  }

  @AfterAll
  void stop() {
    if (browser != null) browser.close();
    if (stack != null) stack.close();
  }

  @Test
  void shouldShowTheKafkaClusterDownOnTheOverviewWithoutNumbers() {
    // When the overview updates after the broker stopped (live, without a reload)
    browser.waitUntil(
        d -> !d.findElements(By.cssSelector("[data-testid='health-kafka'].health-down")).isEmpty());

    // Then the Kafka health says why, and the counts it cannot know are "—"
    assertThat(browser.waitFor("health-kafka-message").getText()).isNotBlank();
    browser.waitText(testid("stat-brokers-value"), "—");
    browser.waitText(testid("stat-topics-value"), "—");
    browser.waitText(testid("stat-partitions-value"), "—");
    assertThat(browser.waitFor("main").getText()).doesNotContain("NaN").doesNotContain("undefined");
    browser.screenshot("30-cluster-down-overview");
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void shouldShowTheApiErrorOnTheTopicsPage() {
    // When the topics page is opened while the cluster is down
    browser.go("#/topics");

    // Then it shows the error the API answered, with its code
    assertThat(browser.waitFor("error").getText()).contains("CLUSTER_UNAVAILABLE");
    assertThat(browser.all("topics-table")).isEmpty();
    browser.screenshot("31-cluster-down-topics");
    assertThat(browser.pageErrors()).isEmpty();
  }
}
