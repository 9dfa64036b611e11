/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** KAFSCALE_TXN_COORDINATOR_PARTITIONS: default, value, validation. */
class TxnCoordinatorPartitionsConfigTest {
  private static BrokerConfig load(Map<String, String> env) {
    return BrokerConfig.load(env, () -> "local-host");
  }

  @Test
  void shouldDefaultToKafkasFiftyTransactionStatePartitions() {
    assertThat(load(Map.of()).cluster().transactionPartitions()).isEqualTo(50);
  }

  @Test
  void shouldReadTheTransactionStatePartitionCountIndependentlyOfTheGroupOne() {
    BrokerConfig config =
        load(
            Map.of(
                "KAFSCALE_TXN_COORDINATOR_PARTITIONS", "7",
                "KAFSCALE_GROUP_COORDINATOR_PARTITIONS", "5"));
    assertThat(config.cluster().transactionPartitions()).isEqualTo(7);
    assertThat(config.cluster().coordinatorPartitions()).isEqualTo(5);
  }

  @Test
  void shouldRejectACountOutsideItsRange() {
    for (String bad : new String[] {"0", "10001", "many"}) {
      ConfigException e =
          catchThrowableOfType(
              ConfigException.class,
              () -> load(Map.of("KAFSCALE_TXN_COORDINATOR_PARTITIONS", bad)));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.getMessage()).contains("KAFSCALE_TXN_COORDINATOR_PARTITIONS");
    }
  }
}
