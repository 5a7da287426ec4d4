package io.lisa4j.fuse;

import io.lisa4j.client.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a mount behaves. Timeouts in seconds; 0 (the default) makes the kernel ask the server every
 * time, right for a tree others change too. {@code callTimeout} bounds each RPC, so a server that
 * stops answering gives EIO instead of a hung mount. Permissions are the server's to decide: the
 * kernel's default_permissions check is off. {@code fdDonation} (the default) asks a server on a
 * Unix socket for the host descriptor of each regular file opened (PROTOCOL.md §3.3), so that reads
 * and writes of those files are this process's own pread and pwrite instead of RPCs. {@code reconnect}
 * is how the mount's session recovers when the server restarts or the connection drops.
 */
public record MountOptions(double attrTimeout, double entryTimeout, boolean allowOther, Duration callTimeout,
        boolean debug, List<String> extra, boolean fdDonation, ReconnectPolicy reconnect) {
    public static final MountOptions DEFAULTS =
            new MountOptions(0, 0, false, Duration.ofSeconds(30), false, List.of(), true);

    public MountOptions {
        if (attrTimeout < 0 || entryTimeout < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        extra = List.copyOf(extra);
        reconnect = reconnect == null ? ReconnectPolicy.DEFAULTS : reconnect;
    }

    public MountOptions(double attrTimeout, double entryTimeout, boolean allowOther, Duration callTimeout,
            boolean debug, List<String> extra, boolean fdDonation) {
        this(attrTimeout, entryTimeout, allowOther, callTimeout, debug, extra, fdDonation, ReconnectPolicy.DEFAULTS);
    }

    public MountOptions withCallTimeout(Duration timeout) {
        return new MountOptions(attrTimeout, entryTimeout, allowOther, timeout, debug, extra, fdDonation, reconnect);
    }

    public MountOptions withFdDonation(boolean value) {
        return new MountOptions(attrTimeout, entryTimeout, allowOther, callTimeout, debug, extra, value, reconnect);
    }

    public MountOptions withReconnect(ReconnectPolicy policy) {
        return new MountOptions(attrTimeout, entryTimeout, allowOther, callTimeout, debug, extra, fdDonation, policy);
    }

    /**
     * The arguments libfuse's fuse_new parses (jfuse adds -f and the mount point); use_ino and the
     * timeouts go in fuse_config instead (see FuseConfigs).
     */
    List<String> fuseArgs(String fsname) {
        List<String> o = new ArrayList<>(List.of("fsname=" + fsname.replace(",", "\\,"), "subtype=lisa4j",
                "auto_unmount"));
        if (allowOther) {
            o.add("allow_other");
        }
        o.addAll(extra);
        List<String> args = new ArrayList<>();
        if (debug) {
            args.add("-d");
        }
        args.add("-o");
        args.add(String.join(",", o));
        return args;
    }

}
