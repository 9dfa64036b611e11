/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by the distribution's chromedriver, with a fresh profile
 * directory deleted on {@link #close()}. Selenium Manager is never involved (the driver executable
 * and browser binary are explicit), so nothing is downloaded. Helpers find elements by {@code
 * data-testid} and wait explicitly. Not thread-safe: one test thread drives it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String ERROR_RECORDER =
      """
      window.__pageErrors = [];
      addEventListener('error', e => __pageErrors.push('error: ' + e.message));
      addEventListener('unhandledrejection', e => __pageErrors.push('rejection: ' + e.reason));
      addEventListener('securitypolicyviolation',
          e => __pageErrors.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
      """;

  private final List<String> pageErrors = new ArrayList<>();
  private final Path profileDir;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final String baseUrl;

  private Browser(
      String baseUrl, Path profileDir, ChromeDriverService service, ChromeDriver driver) {
    this.baseUrl = baseUrl;
    this.profileDir = profileDir;
    this.service = service;
    this.driver = driver;
  }

  /**
   * True when Debian's chromium and chromium-driver are installed (scripts/install-test-deps.sh).
   */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts Chromium for pages under {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). */
  static Browser start(String baseUrl) throws IOException {
    Path profile = Files.createTempDirectory("kafscale-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1440, 1000));
      // Injected through DevTools (so the page's CSP does not apply to it): records uncaught
      // errors, unhandled rejections and CSP violations of every page for pageErrors().
      driver.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_RECORDER));
      return new Browser(baseUrl, profile, service, driver);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Loads the app at a hash route, e.g. {@code open("#/topics")}. */
  void open(String hash) {
    collectPageErrors();
    driver.get(baseUrl + "/" + hash);
  }

  /**
   * Uncaught script errors, unhandled promise rejections and CSP violations seen since the last
   * call (on this and on pages left by {@link #open}); clears them.
   */
  List<String> pageErrors() {
    collectPageErrors();
    List<String> out = List.copyOf(pageErrors);
    pageErrors.clear();
    return out;
  }

  @SuppressWarnings("unchecked")
  private void collectPageErrors() {
    Object found =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const e = window.__pageErrors || []; window.__pageErrors = []; return e;");
    if (found instanceof List<?> list) {
      for (Object o : list) pageErrors.add(String.valueOf(o));
    }
  }

  /** Navigates within the single-page app without reloading it. */
  void go(String hash) {
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0];", hash);
  }

  static By testid(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  WebElement waitFor(String testid) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(testid(testid)));
  }

  WebElement waitFor(By by) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void waitGone(String testid) {
    waitUntil(ExpectedConditions.invisibilityOfElementLocated(testid(testid)));
  }

  List<WebElement> all(String testid) {
    return driver.findElements(testid(testid));
  }

  <T> T waitUntil(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Waits until the element's text (re-read on every try, the page re-renders) equals {@code text}.
   */
  void waitText(By by, String text) {
    waitUntil(
        d -> {
          List<WebElement> found = d.findElements(by);
          return !found.isEmpty() && found.get(0).getText().trim().equals(text);
        });
  }

  void click(String testid) {
    click(testid(testid));
  }

  /**
   * Clicks the element, finding it again when the page re-rendered it in between (live updates
   * replace table rows every refresh).
   */
  void click(By by) {
    waitUntil(
        d -> {
          try {
            WebElement el = d.findElement(by);
            if (!el.isDisplayed() || !el.isEnabled()) return false;
            el.click();
            return true;
          } catch (StaleElementReferenceException | NoSuchElementException e) {
            return false;
          }
        });
  }

  void type(String testid, String text) {
    WebElement el = waitFor(testid);
    el.clear();
    el.sendKeys(text);
  }

  void select(String testid, String value) {
    new Select(waitFor(testid)).selectByValue(value);
  }

  /** Saves a PNG of the whole page (not just the viewport) to target/screenshots/{name}.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Number width =
          (Number)
              ((JavascriptExecutor) driver)
                  .executeScript("return document.documentElement.scrollWidth;");
      Number height =
          (Number)
              ((JavascriptExecutor) driver)
                  .executeScript("return document.documentElement.scrollHeight;");
      Map<String, Object> result =
          driver.executeCdpCommand(
              "Page.captureScreenshot",
              Map.of(
                  "format",
                  "png",
                  "captureBeyondViewport",
                  true,
                  "clip",
                  Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
      Files.write(target, Base64.getDecoder().decode((String) result.get("data")));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profileDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A profile file still locked by an exiting browser: the temp dir is cleaned by the OS later.
    }
  }
}
