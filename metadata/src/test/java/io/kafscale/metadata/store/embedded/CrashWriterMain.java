/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Child process of {@link EmbeddedMetadataStoreCrashIT}: writes keys with several transactions in
 * flight and prints {@code ACK n} once key {@code n}'s transaction is acknowledged, until killed.
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedMetadataStore store = EmbeddedMetadataStore.open(Path.of(args[0]));
    Semaphore inFlight = new Semaphore(8);
    for (long i = 0; ; i++) {
      inFlight.acquire();
      long n = i;
      Txn txn =
          Txn.builder()
              .then(Op.put("/crash/" + n, ("v" + n).getBytes(StandardCharsets.UTF_8)))
              .build();
      store
          .txn(txn)
          .whenComplete(
              (r, e) -> {
                if (e == null) {
                  synchronized (System.out) {
                    System.out.println("ACK " + n);
                    System.out.flush();
                  }
                }
                inFlight.release();
              });
    }
  }
}
