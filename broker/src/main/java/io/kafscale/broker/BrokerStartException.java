/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

/** The broker could not start; the message says what to fix (never contains secrets). */
public final class BrokerStartException extends RuntimeException {
  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
