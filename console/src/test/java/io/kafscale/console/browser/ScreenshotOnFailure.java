/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.browser;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves {@code target/screenshots/FAILED-<test>.png} when a browser test fails. */
final class ScreenshotOnFailure implements TestWatcher {
  private final Supplier<Browser> browser;

  ScreenshotOnFailure(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Browser b = browser.get();
    if (b == null) return;
    try {
      b.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
