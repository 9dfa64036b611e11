/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * The phase of a classic consumer group, as in Kafka's group coordinator.
 *
 * <pre>
 *            first join                 all known members joined / rebalance timeout
 *   Empty ─────────────► PreparingRebalance ─────────────────────────► CompletingRebalance
 *     ▲  ▲                 ▲      │  (no member left: next generation, Empty)  │        │
 *     │  │                 │      └────────────────────────────────────────────┘        │
 *     │  │                 │   join / leave / expiry / sync timeout    leader's SyncGroup│
 *     │  │                 └──────────────────────────── Stable ◄───────────────────────┘
 *     │  └── last member gone (through PreparingRebalance, generation + 1)
 *   Delete (Empty only) ──► Dead (terminal)
 * </pre>
 */
public enum GroupState {
  EMPTY,
  PREPARING_REBALANCE,
  COMPLETING_REBALANCE,
  STABLE,
  DEAD;

  /** Whether a membership change in this state starts a new rebalance (Kafka's canRebalance). */
  boolean canRebalance() {
    return this == EMPTY || this == STABLE || this == COMPLETING_REBALANCE;
  }
}
