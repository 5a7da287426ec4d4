package io.lisa4j.server.log;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes what the libraries log (Bouncy Castle and Micrometer through java.util.logging, Netty
 * through its own facade, told to use java.util.logging too) and what an uncaught exception would
 * print into the daemon's logfmt lines: one line per event, {@code event=library logger=… msg=…};
 * a stack trace follows only at debug level.
 */
public final class LibraryLogs {
    private LibraryLogs() {}

    /** Installs the routing for this process; the daemon calls it before it starts anything. */
    public static void install() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Log.enabled(Log.Level.DEBUG) ? Level.FINE : Level.INFO);
        root.addHandler(new Bridge());
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            Log.error("uncaught_exception", "thread", thread.getName(), "error", Reason.of(e));
            traceIfDebug(e);
        });
    }

    /** Follows the daemon's log level, which the configuration sets after {@link #install}. */
    public static void levelChanged() {
        Logger.getLogger("").setLevel(Log.enabled(Log.Level.DEBUG) ? Level.FINE : Level.INFO);
    }

    static void traceIfDebug(Throwable e) {
        if (e != null && Log.enabled(Log.Level.DEBUG)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Log.raw(trace.toString().stripTrailing());
        }
    }

    /**
     * Loggers whose warnings concern no setting of the daemon's: Bouncy Castle's JSSE reads the JDK's
     * default jdk.tls/certpath.disabledAlgorithms at each start and warns about entries it cannot parse.
     */
    private static final Set<String> QUIET = Set.of(
            "org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

    /**
     * One java.util.logging record as one logfmt line. A library's own info is the daemon's debug:
     * the daemon's info lines already tell what happened; what the library adds is detail.
     */
    static final class Bridge extends Handler {
        private final Formatter messages = new Formatter() {
            @Override
            public String format(LogRecord r) {
                return formatMessage(r);
            }
        };

        @Override
        public void publish(LogRecord r) {
            Log.Level level = QUIET.contains(r.getLoggerName()) ? Log.Level.DEBUG : level(r.getLevel());
            if (!Log.enabled(level)) {
                return;
            }
            String message = messages.format(r);
            Object[] fields = r.getThrown() == null
                    ? new Object[] {"logger", r.getLoggerName(), "msg", message}
                    : new Object[] {"logger", r.getLoggerName(), "msg", message, "error", Reason.of(r.getThrown())};
            switch (level) {
                case ERROR -> Log.error("library", fields);
                case WARN -> Log.warn("library", fields);
                default -> Log.debug("library", fields);
            }
            traceIfDebug(r.getThrown());
        }

        static Log.Level level(Level level) {
            int v = level.intValue();
            return v >= Level.SEVERE.intValue() ? Log.Level.ERROR
                    : v >= Level.WARNING.intValue() ? Log.Level.WARN
                    : Log.Level.DEBUG;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
