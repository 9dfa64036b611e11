/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM-wide {@link S3MockServer#shared()} server into test
 * constructors, lifecycle methods and test methods declaring an {@link S3MockServer} parameter. The
 * server starts on first use (~3 s) and is reused by every test class in the JVM; tests must not
 * stop it (create a private server for outage tests).
 */
public final class S3MockExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3MockServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return S3MockServer.shared();
  }
}
