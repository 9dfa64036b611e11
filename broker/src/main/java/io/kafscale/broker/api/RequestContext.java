/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import java.net.InetSocketAddress;

/** Who sent a request and on which connection. */
public record RequestContext(long connectionId, InetSocketAddress remoteAddress, String clientId) {}
