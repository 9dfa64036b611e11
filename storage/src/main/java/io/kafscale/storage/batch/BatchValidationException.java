/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import io.kafscale.storage.log.StorageException;

/**
 * A produced record-batch buffer failed validation. It is a {@link StorageException}, so the
 * broker's single error table maps its {@link StorageException.Reason} to a Kafka error code.
 */
public final class BatchValidationException extends StorageException {

  private static final long serialVersionUID = 1L;

  public BatchValidationException(Reason reason, String message) {
    super(reason, message);
  }
}
