/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one container of a Deployment's pod template runs as a local process on 127.0.0.1: the
 * command (image entrypoint with the local {@code java} and jar, or the container's command, plus
 * its args), the environment exactly as the kubelet would build it (image {@code ENV}, then the
 * container's {@code env} in order with {@code $(VAR)} expansion, downward-API fields and Secret
 * keys resolved) and the HTTP probes. Because every pod has its own network namespace and
 * filesystem but local processes share the host's, three things are translated and nothing else:
 * the pod IP and wildcard bind hosts become 127.0.0.1, each declared container port becomes a free
 * local port (in {@code host:port} values and {@code *_PORT} values), and each volume mount path
 * becomes a local directory. The container's memory limit, which the JVM would read from its
 * cgroup, is passed as {@code -XX:MaxRAM}. Pure; immutable.
 */
public record LoopbackPod(
    List<String> command, Map<String, String> env, Path workdir, List<HttpProbe> probes) {

  /** An HTTP probe of the container, on the local port its target port maps to. */
  public record HttpProbe(String kind, String path, int port) {}

  /** What the pod would get from the cluster and the image, translated to this machine. */
  public record Context(
      String podName,
      String namespace,
      Map<Integer, Integer> localPorts,
      Map<String, Path> volumeDirs,
      Map<String, Map<String, String>> secrets,
      Map<String, String> imageFiles) {}

  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern VAR_REF =
      Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
  private static final Pattern HOST_PORT = Pattern.compile("^(.*):([0-9]{1,5})$");

  /** The container named {@code containerName} of {@code deployment}'s pod template. */
  public static LoopbackPod of(
      Deployment deployment, String containerName, ImageEntrypoint image, Context ctx) {
    Container container =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(containerName))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no container " + containerName));
    Map<String, String> mounts = new LinkedHashMap<>();
    for (VolumeMount m : container.getVolumeMounts()) {
      Path dir = ctx.volumeDirs().get(m.getName());
      if (dir == null) {
        throw new IllegalArgumentException("no local directory for volume " + m.getName());
      }
      mounts.put(m.getMountPath(), dir.toString());
    }
    Map<String, String> env = environment(container, image, ctx, mounts);
    return new LoopbackPod(
        command(container, image, ctx),
        env,
        Path.of(localPath(image.workdir(), mounts)),
        probes(container, ctx));
  }

  private static List<String> command(Container c, ImageEntrypoint image, Context ctx) {
    List<String> command = new ArrayList<>();
    List<String> base = c.getCommand().isEmpty() ? image.entrypoint() : c.getCommand();
    for (String part : base) {
      command.add(ctx.imageFiles().getOrDefault(part, part));
    }
    Quantity memory =
        c.getResources() == null || c.getResources().getLimits() == null
            ? null
            : c.getResources().getLimits().get("memory");
    if (memory != null && base.get(0).equals("java")) {
      command.add(1, "-XX:MaxRAM=" + Quantity.getAmountInBytes(memory).toBigInteger());
    }
    command.addAll(c.getArgs());
    return List.copyOf(command);
  }

  private static Map<String, String> environment(
      Container c, ImageEntrypoint image, Context ctx, Map<String, String> mounts) {
    Map<String, String> env = new LinkedHashMap<>(image.env());
    Map<String, String> defined = new LinkedHashMap<>();
    for (EnvVar var : c.getEnv()) {
      String value =
          var.getValueFrom() != null
              ? resolve(var.getName(), var.getValueFrom(), ctx)
              : expand(var.getValue() == null ? "" : var.getValue(), defined);
      defined.put(var.getName(), value);
      env.put(var.getName(), value);
    }
    Map<String, String> local = new LinkedHashMap<>();
    env.forEach((k, v) -> local.put(k, localPath(loopback(k, v, ctx.localPorts()), mounts)));
    return local;
  }

  private static String resolve(String name, EnvVarSource source, Context ctx) {
    if (source.getFieldRef() != null) {
      String path = source.getFieldRef().getFieldPath();
      return switch (path) {
        case "metadata.name" -> ctx.podName();
        case "metadata.namespace" -> ctx.namespace();
        case "status.podIP", "status.hostIP" -> LOOPBACK;
        default -> throw new IllegalArgumentException(name + ": unsupported fieldRef " + path);
      };
    }
    if (source.getSecretKeyRef() != null) {
      String secret = source.getSecretKeyRef().getName();
      String key = source.getSecretKeyRef().getKey();
      String value = ctx.secrets().getOrDefault(secret, Map.of()).get(key);
      if (value == null) {
        throw new IllegalArgumentException(
            name + ": Secret " + secret + " has no key " + key + " (the pod would not start)");
      }
      return value;
    }
    throw new IllegalArgumentException(name + ": unsupported valueFrom " + source);
  }

  /** Kubernetes' $(VAR) expansion: earlier variables only; unknown references stay as written. */
  static String expand(String value, Map<String, String> defined) {
    Matcher m = VAR_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(1) == null ? "$" : defined.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String loopback(String name, String value, Map<Integer, Integer> ports) {
    if (name.endsWith("_PORT") && value.matches("[0-9]{1,5}")) {
      Integer local = ports.get(Integer.parseInt(value));
      return local == null ? value : local.toString();
    }
    Matcher m = HOST_PORT.matcher(value);
    if (m.matches() && !value.contains("://")) {
      Integer local = ports.get(Integer.parseInt(m.group(2)));
      if (local != null) {
        String host = m.group(1);
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]");
        return (wildcard ? LOOPBACK : host) + ":" + local;
      }
    }
    return value;
  }

  private static String localPath(String value, Map<String, String> mounts) {
    for (Map.Entry<String, String> mount : mounts.entrySet()) {
      String path = mount.getKey();
      if (value.equals(path) || value.startsWith(path + "/")) {
        return mount.getValue() + value.substring(path.length());
      }
    }
    return value;
  }

  private static List<HttpProbe> probes(Container c, Context ctx) {
    List<HttpProbe> probes = new ArrayList<>();
    addProbe(probes, "startup", c.getStartupProbe(), c, ctx);
    addProbe(probes, "readiness", c.getReadinessProbe(), c, ctx);
    addProbe(probes, "liveness", c.getLivenessProbe(), c, ctx);
    return List.copyOf(probes);
  }

  private static void addProbe(
      List<HttpProbe> out, String kind, Probe probe, Container c, Context ctx) {
    if (probe == null || probe.getHttpGet() == null) {
      return;
    }
    IntOrString port = probe.getHttpGet().getPort();
    int containerPort =
        port.getStrVal() == null
            ? port.getIntVal()
            : c.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(kind + " probe port " + port + " undeclared"));
    Integer local = ctx.localPorts().get(containerPort);
    if (local == null) {
      throw new IllegalArgumentException(
          kind + " probe port " + containerPort + " has no local port");
    }
    out.add(new HttpProbe(kind, probe.getHttpGet().getPath(), local));
  }
}
