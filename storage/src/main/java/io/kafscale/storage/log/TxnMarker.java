/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * A transaction marker the transaction coordinator asks a partition to write (Kafka's
 * WriteTxnMarkers): end producer {@code producerId}'s transaction at {@code producerEpoch} with a
 * COMMIT ({@code commit}) or ABORT control batch stamped with {@code coordinatorEpoch}. Immutable.
 */
public record TxnMarker(
    long producerId, short producerEpoch, boolean commit, int coordinatorEpoch) {}
