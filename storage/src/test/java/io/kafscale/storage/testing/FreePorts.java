/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds loopback TCP ports that are free right now, for servers a test starts as separate processes
 * (which cannot be asked for port 0 and report back). Thread-safe.
 */
public final class FreePorts {

  private FreePorts() {}

  /** One free port on 127.0.0.1. */
  public static int next() {
    return next(1).get(0);
  }

  /** {@code count} distinct free ports on 127.0.0.1 (all held open until all are found). */
  public static List<Integer> next(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setReuseAddress(true);
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket we own; nothing to recover.
        }
      }
    }
  }
}
