/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

/**
 * A request's stage failed with this: the request gets no response and the connection closes once
 * the responses of earlier requests are written, as Kafka does when it cannot report an error (e.g.
 * a refused Produce with acks=0). {@code reason} is a short tag for logs and meters, never client
 * data. Immutable.
 */
public final class CloseConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CloseConnectionException(String reason) {
    super(reason, null, false, false);
  }

  /** The tag logged and counted for this close. */
  public String reason() {
    return getMessage();
  }
}
