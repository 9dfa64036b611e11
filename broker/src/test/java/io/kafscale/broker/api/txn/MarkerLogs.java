/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.storage.log.AppendResult;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.TxnMarker;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Fake partition logs for marker tests: only {@code appendMarker} works (it records the marker and
 * answers with {@code outcome}); every other method fails the test.
 */
public final class MarkerLogs {
  private MarkerLogs() {}

  /** A fake log and the markers written to it. */
  public record FakeLog(PartitionLog log, List<TxnMarker> markers) {}

  public static FakeLog accepting() {
    return answering(m -> CompletableFuture.completedFuture(new AppendResult(0, 0, -1, 0)));
  }

  public static FakeLog answering(Function<TxnMarker, CompletableFuture<AppendResult>> outcome) {
    List<TxnMarker> markers = new CopyOnWriteArrayList<>();
    PartitionLog log =
        (PartitionLog)
            Proxy.newProxyInstance(
                PartitionLog.class.getClassLoader(),
                new Class<?>[] {PartitionLog.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("appendMarker")) {
                    TxnMarker marker = (TxnMarker) args[0];
                    markers.add(marker);
                    return outcome.apply(marker);
                  }
                  if (method.getName().equals("toString")) {
                    return "FakeMarkerLog";
                  }
                  throw new AssertionError("unexpected call " + method.getName());
                });
    return new FakeLog(log, markers);
  }
}
