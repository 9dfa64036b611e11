/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/** A topic with that name already exists. */
public class TopicExistsException extends RuntimeException {
  public TopicExistsException(String message) {
    super(message);
  }
}
