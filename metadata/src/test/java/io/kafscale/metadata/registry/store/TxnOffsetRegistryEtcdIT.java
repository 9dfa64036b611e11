/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TxnOffsetRegistryContract} against a real etcd process (real leases and prefixes). */
class TxnOffsetRegistryEtcdIT extends TxnOffsetRegistryContract {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();

  @BeforeEach
  void openEtcd() {
    open(etcd.store(), Clock.systemUTC());
  }
}
