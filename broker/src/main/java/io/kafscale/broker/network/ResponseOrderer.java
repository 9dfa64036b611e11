/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * FIFO of response slots of one connection: requests take a slot in arrival order, complete it in
 * any order, and {@link #pollReady()} releases completed outcomes only from the head, so responses
 * leave in request order (the Kafka contract). Also counts the request bytes of slots not yet
 * released, which drives back-pressure.
 *
 * <p>Not thread-safe: confined to the channel's event loop.
 *
 * @param <T> what a completed slot carries
 */
public final class ResponseOrderer<T> {

  /** One request's place in the queue. */
  public static final class Slot<T> {
    private final long requestBytes;
    private T outcome;

    private Slot(long requestBytes) {
      this.requestBytes = requestBytes;
    }

    public long requestBytes() {
      return requestBytes;
    }

    public boolean isCompleted() {
      return outcome != null;
    }

    public T outcome() {
      return outcome;
    }
  }

  private final ArrayDeque<Slot<T>> queue = new ArrayDeque<>();
  private long pendingBytes;

  /** Reserves the next slot for a request of {@code requestBytes} bytes. */
  public Slot<T> add(long requestBytes) {
    Slot<T> slot = new Slot<>(requestBytes);
    queue.addLast(slot);
    pendingBytes += requestBytes;
    return slot;
  }

  /** Completes {@code slot}; completing twice is a bug and throws. */
  public void complete(Slot<T> slot, T outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (slot.outcome != null) {
      throw new IllegalStateException("slot already completed");
    }
    slot.outcome = outcome;
  }

  /** Removes and returns the completed slots at the head, oldest first (maybe none). */
  public List<Slot<T>> pollReady() {
    List<Slot<T>> ready = new ArrayList<>();
    while (!queue.isEmpty() && queue.peekFirst().isCompleted()) {
      Slot<T> slot = queue.pollFirst();
      pendingBytes -= slot.requestBytes;
      ready.add(slot);
    }
    return ready;
  }

  /** Drops every slot (the connection is gone) and returns them. */
  public List<Slot<T>> clear() {
    List<Slot<T>> dropped = new ArrayList<>(queue);
    queue.clear();
    pendingBytes = 0;
    return dropped;
  }

  /** Request bytes of slots not yet released by {@link #pollReady()}. */
  public long pendingBytes() {
    return pendingBytes;
  }

  public int size() {
    return queue.size();
  }
}
