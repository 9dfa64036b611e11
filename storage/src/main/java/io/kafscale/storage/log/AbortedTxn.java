/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * A transaction of producer {@code producerId} that ended with an ABORT marker: its data batches
 * start at {@code firstOffset} and the marker sits at {@code lastOffset}. read_committed consumers
 * drop the producer's records from {@code firstOffset} up to the marker (Kafka's
 * FetchResponse.abortedTransactions). Immutable.
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset) {}
