package io.lisa4j.server.log;

/**
 * One logfmt line per answered request when switched on ({@code --access-log}):
 * {@code event=request op=stat export=data fsid=1 status=ENOENT duration_us=41 peer=…}. Off by default,
 * since a busy sandbox makes thousands of calls a second.
 */
public final class AccessLog {
    private static volatile boolean enabled;

    private AccessLog() {}

    public static boolean enabled() {
        return enabled;
    }

    public static void setEnabled(boolean value) {
        enabled = value;
    }

    /** {@code export} is the export of the request's fsid, or {@code none} for session calls. */
    public static void request(String peer, String op, String export, int fsid, String status, long nanos) {
        Log.always("info", "request", "op", op, "export", export, "fsid", Integer.toUnsignedString(fsid),
                "status", status, "duration_us", nanos / 1000, "peer", peer);
    }
}
