/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Translates AWS SDK failures into the object-store port's exceptions and into operator-facing
 * messages. Pure and stateless; never includes credentials (SDK messages do not contain them).
 */
final class S3Errors {

  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int PRECONDITION_FAILED = 412;
  static final int RANGE_NOT_SATISFIABLE = 416;

  private S3Errors() {}

  /** The first cause that is not a {@link CompletionException} wrapper. */
  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** HTTP status of an S3 error response, or -1 if the failure was not an S3 response. */
  static int status(Throwable error) {
    return unwrap(error) instanceof S3Exception s3 ? s3.statusCode() : -1;
  }

  /** S3 error code ({@code NoSuchKey}, {@code SlowDown}, …) or {@code null}. */
  static String errorCode(Throwable error) {
    if (unwrap(error) instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      return s3.awsErrorDetails().errorCode();
    }
    return null;
  }

  /** Whether the failure says the object (not the bucket) does not exist. */
  static boolean isMissingObject(Throwable error) {
    String code = errorCode(error);
    return status(error) == NOT_FOUND && !"NoSuchBucket".equals(code);
  }

  /** Whether a conditional create lost because the key exists (or a concurrent create won). */
  static boolean isAlreadyExists(Throwable error) {
    int status = status(error);
    return status == PRECONDITION_FAILED
        || (status == CONFLICT && "ConditionalRequestConflict".equals(errorCode(error)));
  }

  /** Maps a failed operation on {@code key} to the port's exception types. */
  static RuntimeException translate(Throwable error, String operation, String bucket, String key) {
    Throwable cause = unwrap(error);
    if (cause instanceof ObjectStoreException e) {
      return e;
    }
    String where = operation + " s3://" + bucket + "/" + key;
    if (isMissingObject(cause)) {
      return new ObjectNotFoundException("No such object: " + where, cause);
    }
    if (operation.equals("create") && isAlreadyExists(cause)) {
      return new ObjectAlreadyExistsException("Object already exists: " + where, cause);
    }
    return new ObjectStoreException(where + " failed: " + describe(cause), cause);
  }

  /** One-line description of a failure, for messages an operator reads. */
  static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof S3Exception s3) {
      String code = errorCode(s3);
      return "HTTP "
          + s3.statusCode()
          + (code == null ? "" : " " + code)
          + hint(s3.statusCode(), code);
    }
    if (cause instanceof ApiCallAttemptTimeoutException
        || cause instanceof ApiCallTimeoutException) {
      // The SDK reports the last attempt; an earlier attempt may have said why (e.g. refused).
      for (Throwable earlier : cause.getSuppressed()) {
        if (earlier instanceof SdkClientException) {
          return "cannot reach the endpoint ("
              + earlier.getMessage()
              + "; last attempt: "
              + cause.getMessage()
              + ")";
        }
      }
      return "no answer within the request timeout (" + cause.getMessage() + ")";
    }
    if (cause instanceof SdkClientException) {
      Throwable root = rootCause(cause);
      String detail =
          root == cause
              ? cause.getMessage()
              : root.getClass().getSimpleName() + ": " + root.getMessage();
      return "cannot reach the endpoint (" + detail + ")";
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /** The message {@link S3ObjectStore#checkAccess()} fails with. */
  static String accessFailure(Throwable error, S3Config config) {
    return "S3 bucket '"
        + config.bucket()
        + "' is not accessible at "
        + config.endpointDescription()
        + " (region "
        + config.region()
        + ", path-style "
        + config.pathStyle()
        + ", credentials "
        + (config.hasStaticCredentials() ? "static" : "default chain")
        + "): "
        + describe(error);
  }

  private static String hint(int status, String code) {
    if (status == NOT_FOUND || "NoSuchBucket".equals(code)) {
      return ": the bucket does not exist (create it or fix KAFSCALE_S3_BUCKET)";
    }
    if (status == 403) {
      return ": access denied (check the credentials and the bucket policy)";
    }
    if (status == 301
        || "PermanentRedirect".equals(code)
        || "AuthorizationHeaderMalformed".equals(code)) {
      return ": the bucket is in another region (fix KAFSCALE_S3_REGION)";
    }
    return "";
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
