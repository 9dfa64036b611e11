/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limits of a real broker seen from raw loopback sockets: {@code
 * KAFSCALE_MAX_CONNECTIONS_PER_IP} closes the connection over the limit and admits one again once
 * another closes; {@code KAFSCALE_CONNECTION_IDLE_TIMEOUT_MS} closes a silent connection but not a
 * busy one. "Open" means the broker answers an ApiVersions request on it; "closed" means the broker
 * ended the stream (EOF or reset) without answering.
 */
class ConnectionLimitsIT {
  private static final int LIMIT = 3;

  private BrokerFixture broker;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", broker.kafkaPort());
    s.setSoTimeout(5_000);
    sockets.add(s);
    return s;
  }

  /** Sends ApiVersions v0 and reads its answer: true when answered, false when closed. */
  private static boolean answersApiVersions(Socket s, int correlationId) {
    try {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(2 + 2 + 4 + 2);
      out.writeShort(18); // ApiVersions
      out.writeShort(0);
      out.writeInt(correlationId);
      out.writeShort(-1); // null client id
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int size = in.readInt();
      byte[] body = new byte[size];
      in.readFully(body);
      return size >= 4 && java.nio.ByteBuffer.wrap(body).getInt() == correlationId;
    } catch (IOException e) {
      return false; // EOF or reset: the broker closed the connection
    }
  }

  /** True when the broker closes the socket (EOF or reset) within the socket timeout. */
  private static boolean closedByBroker(Socket s) {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void shouldCloseTheConnectionOverThePerIpLimitAndAdmitOneAfterAnotherCloses() throws Exception {
    // Given
    broker = BrokerFixture.start(Map.of("KAFSCALE_MAX_CONNECTIONS_PER_IP", String.valueOf(LIMIT)));
    List<Socket> admitted = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      Socket s = connect();
      assertThat(answersApiVersions(s, i)).as("connection %d of %d", i + 1, LIMIT).isTrue();
      admitted.add(s);
    }

    // When
    Socket over = connect();

    // Then
    assertThat(closedByBroker(over)).as("connection %d is closed", LIMIT + 1).isTrue();
    assertThat(admitted).allSatisfy(s -> assertThat(answersApiVersions(s, 99)).isTrue());

    // When: one admitted connection closes
    admitted.get(0).close();

    // Then: a new one is admitted again (the broker notices the close asynchronously)
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> answersApiVersions(connect(), 7));
  }

  @Test
  void shouldCloseAnIdleConnectionButNotABusyOne() throws Exception {
    // Given
    broker = BrokerFixture.start(Map.of("KAFSCALE_CONNECTION_IDLE_TIMEOUT_MS", "500"));
    Socket idle = connect();
    Socket busy = connect();

    // When / Then: the busy connection keeps being answered for well over the timeout
    int[] correlation = {0};
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> answersApiVersions(busy, ++correlation[0]));

    // Then: the silent one has been closed
    await().atMost(Duration.ofSeconds(5)).until(() -> closedByBroker(idle));
  }
}
