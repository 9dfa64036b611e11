/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying one {@link TxnEvent} produced: the id's state once the effects are done (empty: no
 * state, as for an unknown id) and the effects in the order {@link TxnEffect} prescribes.
 * Immutable.
 */
public record TxnResult(Optional<TxnMetadata> state, List<TxnEffect> effects) {
  public TxnResult {
    Objects.requireNonNull(state, "state");
    effects = List.copyOf(effects);
  }

  /** The state to write first, if any. */
  public Optional<TxnMetadata> persist() {
    return effects.stream()
        .filter(TxnEffect.Persist.class::isInstance)
        .map(e -> ((TxnEffect.Persist) e).state())
        .findFirst();
  }

  /** The reply, if this result answers a request. */
  public Optional<TxnReply> reply() {
    return effects.stream()
        .filter(TxnEffect.Reply.class::isInstance)
        .map(e -> ((TxnEffect.Reply) e).reply())
        .findFirst();
  }

  /** The markers to write, if any. */
  public Optional<TxnEffect.WriteMarkers> markers() {
    return effects.stream()
        .filter(TxnEffect.WriteMarkers.class::isInstance)
        .map(TxnEffect.WriteMarkers.class::cast)
        .findFirst();
  }
}
