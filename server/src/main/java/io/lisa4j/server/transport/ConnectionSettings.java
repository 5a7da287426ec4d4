package io.lisa4j.server.transport;

import io.lisa4j.server.Limits;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.Quota;

/**
 * What every connection of a listener shares: its limits, the server's name and quotas, the export
 * gate, and the server's meters and live-session set.
 */
public record ConnectionSettings(Limits limits, String serverName, ConnectionLimits guards, Quota serverHandles,
        ExportGate gate, ServerServices services) {}
