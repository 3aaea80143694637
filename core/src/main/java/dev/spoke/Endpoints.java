package dev.spoke;

import java.net.URI;
import java.util.List;

/**
 * The platform endpoints one instance talks to: each one set explicitly, else the workspace pod's
 * (docs/WIRE.md section 1), each checked for a safe transport ({@link OptionRules#transport}).
 */
record Endpoints(URI events, URI identity, URI config, URI alias) {

  /**
   * Resolves the endpoints from what the builder was given (any of them null) and the workspace's
   * pod, which is required only for an endpoint not given.
   */
  static Endpoints resolve(
      Workspace workspace,
      URI events,
      URI identity,
      URI config,
      URI alias,
      boolean allowInsecureHttp) {
    URI ev = events != null ? events : URI.create(workspace.requirePod().eventsBaseUrl());
    URI id = identity != null ? identity : URI.create(workspace.requirePod().identityBaseUrl());
    URI cf = config != null ? config : URI.create(workspace.requirePod().configBaseUrl());
    // Alias requests go to the SDK events host (nativesdks.<pod>); an explicit IDSync base (a local
    // platform, a proxy) serves them under its own /identity path, as the local platform does.
    URI al =
        alias != null
            ? alias
            : identity != null
                ? URI.create(identity.toString().replaceAll("/+$", "") + "/identity")
                : URI.create(workspace.requirePod().aliasBaseUrl());
    OptionRules.transport(al, allowInsecureHttp);
    for (URI u : List.of(ev, id, cf)) {
      OptionRules.transport(u, allowInsecureHttp);
    }
    return new Endpoints(ev, id, cf, al);
  }
}
