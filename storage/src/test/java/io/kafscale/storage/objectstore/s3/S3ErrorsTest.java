/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStoreException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .message(code)
            .build();
  }

  @Test
  void shouldMapMissingKeyToNotFoundButNotMissingBucket() {
    assertThat(S3Errors.translate(new CompletionException(s3(404, "NoSuchKey")), "get", "b", "k"))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(S3Errors.translate(s3(404, null), "getRange", "b", "k"))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(S3Errors.translate(s3(404, "NoSuchBucket"), "get", "b", "k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("bucket does not exist");
  }

  @Test
  void shouldMapFailedPreconditionAndConditionalConflictToAlreadyExistsOnCreate() {
    assertThat(S3Errors.translate(s3(412, "PreconditionFailed"), "create", "b", "k"))
        .isInstanceOf(ObjectAlreadyExistsException.class);
    assertThat(S3Errors.translate(s3(409, "ConditionalRequestConflict"), "create", "b", "k"))
        .isInstanceOf(ObjectAlreadyExistsException.class);
    assertThat(S3Errors.translate(s3(409, "OperationAborted"), "create", "b", "k"))
        .isExactlyInstanceOf(ObjectStoreException.class);
  }

  @Test
  void shouldDescribeServerErrorsAndUnreachableEndpoints() {
    assertThat(S3Errors.translate(s3(503, "SlowDown"), "put", "b", "k"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("put s3://b/k")
        .hasMessageContaining("HTTP 503 SlowDown");
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request")
            .cause(new ConnectException("Connection refused"))
            .build();
    assertThat(S3Errors.describe(refused))
        .isEqualTo("cannot reach the endpoint (ConnectException: Connection refused)");
  }
}
