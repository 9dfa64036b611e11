/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process writing to the embedded store loses no acknowledged transaction. */
class EmbeddedMetadataStoreCrashIT {
  @TempDir Path dir;

  @Test
  void shouldKeepEveryAcknowledgedWriteAfterKillNine() throws Exception {
    // Given a child process writing as fast as it can
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<Long> acked = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; acked.size() < 500 && (line = out.readLine()) != null; ) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring(4)));
        }
      }
      assertThat(acked).hasSize(500);
      assertThatThrownBy(() -> EmbeddedMetadataStore.open(dir))
          .isInstanceOf(MetadataStoreException.class)
          .hasMessageContaining("locked");
      // When
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    // Then
    try (EmbeddedMetadataStore store = EmbeddedMetadataStore.open(dir)) {
      for (long n : acked) {
        KeyValue kv =
            store
                .get("/crash/" + n)
                .get(10, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("lost key " + n));
        assertThat(kv.valueAsString()).isEqualTo("v" + n);
      }
    }
  }
}
