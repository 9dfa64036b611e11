/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.protocol.api.SupportedApis;
import java.util.List;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData;
import org.apache.kafka.common.message.DescribeClientQuotasResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The user-entity APIs are wired into the broker's APIs and answer at every served version with a
 * response that encodes at that version.
 */
class UserEntityApisTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  @Test
  void shouldAlterAndDescribeThroughTheBrokersApisAtEveryServedVersion() {
    for (ApiKeys key :
        List.of(
            ApiKeys.ALTER_USER_SCRAM_CREDENTIALS,
            ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
            ApiKeys.DESCRIBE_CLIENT_QUOTAS)) {
      SupportedApis api = SupportedApis.of(key).orElseThrow();
      for (short v = api.minServedVersion(); v <= api.maxServedVersion(); v++) {
        // When
        Object response =
            switch (key) {
              case ALTER_USER_SCRAM_CREDENTIALS ->
                  ctx.call(
                      key,
                      v,
                      new AlterUserScramCredentialsRequestData()
                          .setUpsertions(
                              List.of(ScramHandlersTest.upsert("u" + v, (byte) 2, 4096))));
              case DESCRIBE_USER_SCRAM_CREDENTIALS ->
                  ctx.call(key, v, new DescribeUserScramCredentialsRequestData().setUsers(null));
              default -> ctx.call(key, v, new DescribeClientQuotasRequestData());
            };

        // Then
        switch (response) {
          case AlterUserScramCredentialsResponseData r ->
              assertThat(r.results().get(0).errorCode()).isEqualTo(Errors.NONE.code());
          case DescribeUserScramCredentialsResponseData r ->
              assertThat(r.results()).extracting(x -> x.user()).contains("u" + v);
          case DescribeClientQuotasResponseData r ->
              assertThat(r.errorCode()).isEqualTo(Errors.NONE.code());
          default -> throw new AssertionError("unexpected " + response);
        }
      }
    }
  }
}
