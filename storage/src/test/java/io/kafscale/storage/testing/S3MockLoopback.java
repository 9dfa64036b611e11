/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Command-line arguments that keep every S3Mock listening socket on 127.0.0.1.
 *
 * <p>S3Mock's TLS port ({@code server.port}) honours {@code server.address}, but its plain-HTTP
 * port is an extra Tomcat connector that S3Mock creates itself and that has no address setting, so
 * it would bind every interface. S3Mock is a Spring Boot app and Spring Boot accepts extra bean
 * definition files through {@code spring.main.sources}: the file written here fetches that
 * connector from S3Mock's configuration bean and sets its {@code address} property. Spring Boot
 * binds connectors only after all singletons exist, so the address is in place before the bind.
 *
 * <p>{@code scripts/bench.sh} gets the same arguments through {@link #main}. Stateless and
 * thread-safe (concurrent writers write identical bytes).
 */
public final class S3MockLoopback {

  /** The loopback address every S3Mock socket binds. */
  static final String ADDRESS = "127.0.0.1";

  // The getter is invoked per request (singleton=false): Spring may instantiate factory beans early
  // for type matching, before S3Mock has created the connector, and would otherwise cache null.
  private static final String BEANS_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="http://www.springframework.org/schema/beans"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.springframework.org/schema/beans \
      https://www.springframework.org/schema/beans/spring-beans.xsd">
        <bean id="kafscaleHttpConnector"
            class="org.springframework.beans.factory.config.MethodInvokingFactoryBean">
          <property name="targetObject" ref="s3MockConfiguration"/>
          <property name="targetMethod" value="getHttpConnector"/>
          <property name="singleton" value="false"/>
        </bean>
        <bean id="kafscaleHttpConnectorOnLoopback"
            class="org.springframework.beans.factory.config.MethodInvokingBean">
          <property name="targetObject" ref="kafscaleHttpConnector"/>
          <property name="targetMethod" value="setProperty"/>
          <property name="arguments">
            <list><value>address</value><value>%s</value></list>
          </property>
        </bean>
      </beans>
      """
          .formatted(ADDRESS);

  private S3MockLoopback() {}

  /** Writes the bean file into {@code args[0]} and prints the S3Mock arguments, one per line. */
  public static void main(String[] args) {
    arguments(Path.of(args[0])).forEach(System.out::println);
  }

  /**
   * Writes the bean definition file into {@code dir} (if missing or different) and returns the
   * S3Mock arguments that bind both its ports to {@link #ADDRESS}.
   */
  static List<String> arguments(Path dir) {
    Path xml = dir.resolve("s3mock-loopback-http.xml");
    try {
      Files.createDirectories(dir);
      if (!Files.isRegularFile(xml) || !Files.readString(xml).equals(BEANS_XML)) {
        Path tmp = Files.createTempFile(dir, "s3mock-loopback", ".tmp");
        Files.writeString(tmp, BEANS_XML, StandardCharsets.UTF_8);
        Files.move(tmp, xml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + xml, e);
    }
    return List.of(
        "--server.address=" + ADDRESS, "--spring.main.sources=" + xml.toAbsolutePath().toUri());
  }
}
