package io.lisa4j.server.metrics;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;

/**
 * The {@code outcome} tag of a reply status: {@code ok}, {@code stopped}, or the errno's name. The
 * set is bounded (one slot per errno number below {@link #SLOTS}), so the tag cannot explode.
 */
public final class Outcomes {
    static final int SLOTS = 258;
    private static final int OK = 0;
    private static final int STOPPED = 1;
    private static final int OTHER = SLOTS - 1;
    private static final String[] TAGS = new String[SLOTS];

    static {
        TAGS[OK] = "ok";
        TAGS[STOPPED] = "stopped";
        TAGS[OTHER] = "other";
        for (int n = 1; n + 2 < OTHER; n++) {
            Errno e = Errno.of(n);
            TAGS[n + 2] = e == null ? "errno_" + n : e.name();
        }
    }

    private Outcomes() {}

    /** The slot of a reply status; every status maps to one of {@link #SLOTS} slots. */
    static int slot(int status) {
        if (status == ProtocolConstants.STATUS_OK) {
            return OK;
        }
        if (status == ProtocolConstants.STATUS_STOPPED) {
            return STOPPED;
        }
        return status > 0 && status + 2 < OTHER ? status + 2 : OTHER;
    }

    static String tag(int slot) {
        return TAGS[slot];
    }

    /** The tag of a reply status, as the metrics and the access log show it. */
    public static String of(int status) {
        return TAGS[slot(status)];
    }
}
