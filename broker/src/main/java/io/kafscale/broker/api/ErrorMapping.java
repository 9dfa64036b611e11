/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.InvalidConfigException;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.storage.log.FencedException;
import io.kafscale.storage.log.StorageException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

/**
 * The one table from Kafscale's exceptions (storage reasons, metadata exceptions) to Kafka error
 * codes. Anything unknown is UNKNOWN_SERVER_ERROR. Pure and thread-safe.
 */
public final class ErrorMapping {
  private ErrorMapping() {}

  public static Errors of(Throwable error) {
    Throwable e = unwrap(error);
    return switch (e) {
      case StorageException s -> of(s.reason());
      case UnknownTopicException u -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
      case TopicExistsException t -> Errors.TOPIC_ALREADY_EXISTS;
      // The registry's own check, behind the handlers' (it sees writes of every writer).
      case InvalidConfigException c -> Errors.INVALID_CONFIG;
      case FencedEpochException f -> Errors.NOT_LEADER_OR_FOLLOWER;
      case FencedException f -> Errors.NOT_LEADER_OR_FOLLOWER;
      case TimeoutException t -> Errors.REQUEST_TIMED_OUT;
      case ApiException a -> Errors.forException(a);
      default -> Errors.UNKNOWN_SERVER_ERROR;
    };
  }

  public static Errors of(StorageException.Reason reason) {
    return switch (reason) {
      case CORRUPT_MESSAGE -> Errors.CORRUPT_MESSAGE;
      case INVALID_RECORD -> Errors.INVALID_RECORD;
      case INVALID_TIMESTAMP -> Errors.INVALID_TIMESTAMP;
      case MESSAGE_TOO_LARGE -> Errors.MESSAGE_TOO_LARGE;
      case UNSUPPORTED_FOR_MESSAGE_FORMAT -> Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT;
      case OUT_OF_ORDER_SEQUENCE -> Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
      case DUPLICATE_SEQUENCE -> Errors.DUPLICATE_SEQUENCE_NUMBER;
      case INVALID_PRODUCER_EPOCH -> Errors.INVALID_PRODUCER_EPOCH;
      // Kafka clients treat UNSUPPORTED_VERSION as fatal and surface the error message; the
      // alternatives (authorization failures, coordinator errors) would mislead or retry forever.
      case TRANSACTIONS_NOT_SUPPORTED -> Errors.UNSUPPORTED_VERSION;
      case INVALID_TXN_STATE -> Errors.INVALID_TXN_STATE;
      case OFFSET_OUT_OF_RANGE -> Errors.OFFSET_OUT_OF_RANGE;
      case FLUSH_FAILED, READ_FAILED -> Errors.KAFKA_STORAGE_ERROR;
      case NOT_OWNER -> Errors.NOT_LEADER_OR_FOLLOWER;
    };
  }

  /** A message for the client: the exception's own, else the error's default. */
  public static String message(Throwable error) {
    Throwable e = unwrap(error);
    return e.getMessage() != null ? e.getMessage() : of(e).message();
  }

  /** Strips CompletionException / ExecutionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
