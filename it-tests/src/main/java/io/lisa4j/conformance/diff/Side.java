package io.lisa4j.conformance.diff;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Where a differential run applies its ops: the kernel directly, or a server. Each op's outcome is
 * a line of tokens, "ok ..." with the deterministic part of what the protocol reply carries, or
 * an errno name; a token "=?" on the server's side stands for an Attr the reply may omit (§8.2.0).
 */
public interface Side extends AutoCloseable {
    String apply(Op op);

    /** Releases the open handle slots and whatever else the side holds. */
    @Override
    void close();

    /** A step whose body may fail with an errno. */
    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    static String outcome(Step step) {
        try {
            return step.run();
        } catch (ErrnoException e) {
            return errnoName(e.errno());
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    static String errnoName(int errno) {
        Errno known = Errno.of(errno);
        return known == null ? "errno" + errno : known.name();
    }

    static String text(byte[] bytes) {
        return "\"" + new String(bytes, StandardCharsets.UTF_8) + "\"";
    }

    static String names(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
