package io.lisa4j.server.config;

import java.util.List;

/**
 * Who may connect: Unix peers by uid (SO_PEERCRED), TLS clients by certificate subject. An empty
 * list allows everyone that transport lets in (the socket's mode, the CA). Read and validated here;
 * the transport's peer checks consume it.
 */
public record AuthorizationSettings(List<Integer> unixUids, List<String> clientSubjects) {
    public static final AuthorizationSettings ANYONE = new AuthorizationSettings(List.of(), List.of());

    public AuthorizationSettings {
        unixUids = List.copyOf(unixUids);
        clientSubjects = List.copyOf(clientSubjects);
    }
}
