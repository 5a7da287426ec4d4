package io.lisa4j.server.transport;

import io.lisa4j.server.metrics.ServerMetrics;
import io.lisa4j.server.session.LiveSessions;

/** What every connection of one server shares beyond the protocol: its meters and the live-session set. */
public record ServerServices(ServerMetrics metrics, LiveSessions sessions) {}
