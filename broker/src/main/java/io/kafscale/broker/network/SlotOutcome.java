/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.protocol.frame.ResponseFrame;

/** What a finished request slot makes the connection do when its turn comes. */
sealed interface SlotOutcome {
  /** Write this response. */
  record Respond(ResponseFrame response) implements SlotOutcome {}

  /** Write nothing (Produce with acks=0) but keep the order of later responses. */
  record Silent() implements SlotOutcome {}

  /** Flush what was written before and close the connection (unanswerable request). */
  record Close() implements SlotOutcome {}
}
