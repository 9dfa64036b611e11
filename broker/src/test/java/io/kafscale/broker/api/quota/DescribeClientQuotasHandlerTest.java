/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.RequestContext;
import java.util.List;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData.ComponentData;
import org.apache.kafka.common.message.DescribeClientQuotasResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** No quotas are stored: valid filters match nothing, invalid ones get INVALID_REQUEST. */
class DescribeClientQuotasHandlerTest {
  private final DescribeClientQuotasHandler handler = new DescribeClientQuotasHandler();

  private DescribeClientQuotasResponseData describe(ComponentData... components) {
    return handler
        .handle(
            new RequestContext(1, null, "test"),
            null,
            new DescribeClientQuotasRequestData().setComponents(List.of(components)))
        .toCompletableFuture()
        .join();
  }

  @Test
  void shouldMatchNoEntityForAValidFilter() {
    // When
    var response =
        describe(
            new ComponentData().setEntityType("user").setMatchType((byte) 0).setMatch("alice"),
            new ComponentData().setEntityType("client-id").setMatchType((byte) 2).setMatch(null));

    // Then
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.entries()).isEmpty();
  }

  @Test
  void shouldRejectUnknownTypesBadMatchesAndRepeatedTypes() {
    assertThat(
            describe(
                    new ComponentData()
                        .setEntityType("group")
                        .setMatchType((byte) 2)
                        .setMatch(null))
                .errorCode())
        .isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(
            describe(
                    new ComponentData().setEntityType("user").setMatchType((byte) 0).setMatch(null))
                .errorCode())
        .isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(
            describe(new ComponentData().setEntityType("user").setMatchType((byte) 1).setMatch("x"))
                .errorCode())
        .isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(
            describe(
                    new ComponentData().setEntityType("ip").setMatchType((byte) 2).setMatch(null),
                    new ComponentData().setEntityType("ip").setMatchType((byte) 1).setMatch(null))
                .errorCode())
        .isEqualTo(Errors.INVALID_REQUEST.code());
  }
}
