/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

/**
 * A topic config or cluster-wide broker config the registry refuses to store: an unknown name or a
 * value that fails {@code io.kafscale.metadata.config.TopicConfigCatalogue}'s checks. The message
 * is the catalogue's validation message.
 */
public class InvalidConfigException extends IllegalArgumentException {
  public InvalidConfigException(String message) {
    super(message);
  }
}
