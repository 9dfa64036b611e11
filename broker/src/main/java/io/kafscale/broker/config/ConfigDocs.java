/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders {@code docs/configuration.md} from {@link ConfigCatalogue}. Run {@link #main} to
 * regenerate it; {@code ConfigDocsTest} fails while the checked-in page is stale.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  /** Writes the page to {@code args[0]} (default {@code docs/configuration.md}). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
    Files.writeString(target, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath());
  }

  /** The full Markdown page. */
  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Broker configuration\n\n")
        .append("<!-- Generated from io.kafscale.broker.config.ConfigCatalogue by ConfigDocs; ")
        .append("do not edit by hand. -->\n\n")
        .append("The broker is configured only by environment variables. At start it checks all")
        .append(" of them and, if any is\ninvalid, prints every problem at once and exits with")
        .append(" status 2. Unset or blank variables take\ntheir default. Secret values are never")
        .append(" printed or logged.\n\n");
    return md.append(table(ConfigCatalogue.ALL)).toString();
  }

  /**
   * The Markdown table of {@code vars}: name, validation, default, description (secrets marked).
   */
  public static String table(List<ConfigVar> vars) {
    StringBuilder md =
        new StringBuilder("| Variable | Type / validation | Default | Description |\n")
            .append("|---|---|---|---|\n");
    for (ConfigVar var : vars) {
      md.append("| `")
          .append(var.name())
          .append("` | ")
          .append(cell(var.rule()))
          .append(" | ")
          .append(defaultCell(var))
          .append(" | ")
          .append(cell(var.description()))
          .append(var.secret() ? " *(secret)*" : "")
          .append(" |\n");
    }
    return md.toString();
  }

  private static String defaultCell(ConfigVar var) {
    if (var.defaultValue() != null) {
      return "`" + var.defaultValue() + "`";
    }
    return var.defaultText() == null ? "—" : cell(var.defaultText());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
