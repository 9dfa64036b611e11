/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/** No topic (or partition) with that name exists. */
public class UnknownTopicException extends RuntimeException {
  public UnknownTopicException(String message) {
    super(message);
  }
}
