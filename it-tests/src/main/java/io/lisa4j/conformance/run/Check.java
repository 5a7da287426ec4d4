package io.lisa4j.conformance.run;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import java.util.Arrays;
import java.util.Objects;

/** Assertions of the suite. Each failure names what the specification expects and what came back. */
public final class Check {
    private Check() {}

    /** A call against the server. */
    @FunctionalInterface
    public interface Call {
        Object run() throws Exception;
    }

    public static CaseFailure fail(String expected, Object actual) {
        return new CaseFailure("expected " + expected + ", got " + actual);
    }

    /** The call fails with {@code expected}. */
    public static void errno(Errno expected, Call call) {
        Object outcome = outcome(call);
        if (!(outcome instanceof ErrnoException e) || e.errno() != expected.number()) {
            throw fail(expected.name(), describe(outcome));
        }
    }

    /** The call fails with one of {@code allowed} (where the specification leaves the choice open). */
    public static void errnoIn(Call call, Errno... allowed) {
        Object outcome = outcome(call);
        if (outcome instanceof ErrnoException e && Arrays.stream(allowed).anyMatch(a -> a.number() == e.errno())) {
            return;
        }
        throw fail("one of " + Arrays.toString(allowed), describe(outcome));
    }

    /** The call ends STOPPED with {@code reason} at component {@code index}. */
    public static StoppedException stopped(StoppedException.Reason reason, int index, Call call) {
        Object outcome = outcome(call);
        if (outcome instanceof StoppedException s && s.reason() == reason && s.componentIndex() == index) {
            return s;
        }
        throw fail("STOPPED " + reason + " at component " + index, describe(outcome));
    }

    /** The call succeeds; returns its value. */
    @SuppressWarnings("unchecked")
    public static <T> T ok(Call call) {
        Object outcome = outcome(call);
        if (outcome instanceof Failed f) {
            throw fail("success", describe(f.error));
        }
        return (T) outcome;
    }

    public static void eq(String what, Object expected, Object actual) {
        if (!deepEquals(expected, actual)) {
            throw fail(what + " = " + show(expected), show(actual));
        }
    }

    public static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new CaseFailure("expected " + what);
        }
    }

    /** Runs {@code body}; a failure inside it names {@code context} first. */
    public static void within(String context, Call body) throws Exception {
        try {
            body.run();
        } catch (CaseFailure f) {
            throw new CaseFailure(context + ": " + f.getMessage());
        }
    }

    public static CaseSkipped skip(String reason) {
        return new CaseSkipped(reason);
    }

    private record Failed(Exception error) {}

    private static Object outcome(Call call) {
        try {
            return call.run();
        } catch (ErrnoException | StoppedException e) {
            return e;
        } catch (CaseFailure | CaseSkipped e) {
            throw e;
        } catch (Exception e) {
            return new Failed(e);
        }
    }

    /** An outcome as the report shows it: "success", "ENOENT", "STOPPED SYMLINK at 2". */
    public static String describe(Object outcome) {
        return switch (outcome) {
            case ErrnoException e -> Errno.of(e.errno()) == null ? "errno " + e.errno() : Errno.of(e.errno()).name();
            case StoppedException s -> "STOPPED " + s.reason() + " at " + s.componentIndex();
            case Failed f -> describe(f.error);
            case Exception e -> e.getClass().getSimpleName() + ": " + e.getMessage();
            case null -> "success";
            default -> "success (" + show(outcome) + ")";
        };
    }

    private static boolean deepEquals(Object a, Object b) {
        return Objects.deepEquals(a, b);
    }

    private static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return "\"" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "\"";
        }
        return String.valueOf(value);
    }
}
