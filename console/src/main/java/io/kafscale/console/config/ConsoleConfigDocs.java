/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.config;

import io.kafscale.broker.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders {@code docs/console-configuration.md} from {@link ConsoleCatalogue}. Run {@link #main} to
 * regenerate it; {@code ConsoleConfigDocsTest} fails while the checked-in page is stale.
 */
public final class ConsoleConfigDocs {
  private ConsoleConfigDocs() {}

  /** Writes the page to {@code args[0]} (default {@code docs/console-configuration.md}). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/console-configuration.md");
    Files.writeString(target, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath());
  }

  /** The full Markdown page. */
  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Console configuration\n\n")
        .append("<!-- Generated from io.kafscale.console.config.ConsoleCatalogue by")
        .append(" ConsoleConfigDocs; do not edit by hand. -->\n\n")
        .append(
            "The console (`kafscale-console.jar`, main class `io.kafscale.console.ConsoleMain`)")
        .append(
            " is configured only by\nenvironment variables. At start it checks all of them and,")
        .append(
            " if any is invalid or a required one\nis missing, prints every problem at once and")
        .append(" exits with status 2. `make run` (`LocalMain`) starts\nthe console next to an")
        .append(" in-process broker, points it at that broker and, when unset, logs in with\n")
        .append("`admin` / `kafscale`; nowhere else is there a default password. Secret values are")
        .append(" never printed or\nlogged. The JSON API is described in")
        .append(" [console-api.md](console-api.md).\n\n");
    return md.append(ConfigDocs.table(ConsoleCatalogue.ALL)).toString();
  }
}
