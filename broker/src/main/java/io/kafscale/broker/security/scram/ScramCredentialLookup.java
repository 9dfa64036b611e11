/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import io.kafscale.metadata.model.ScramCredentialRecord;
import java.util.Optional;

/**
 * Port the SASL/SCRAM authenticator reads credentials through: the broker's current view of the
 * credentials stored in the metadata store (kept current by a watch). Never blocks on I/O: an
 * answer comes from memory. Thread-safe.
 */
public interface ScramCredentialLookup {
  /** The credential of {@code user} for {@code mechanism}, empty when the user has none. */
  Optional<ScramCredentialRecord> credential(String user, ScramMechanism mechanism);
}
