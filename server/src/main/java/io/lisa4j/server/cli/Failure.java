package io.lisa4j.server.cli;

import io.lisa4j.server.log.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command that failed ends: one line on stderr, {@code lisa4j: WHAT: WHY (ERRNO)}, naming the
 * thing (socket, export, file, port) and the reason; the stack trace only with {@code --debug}.
 * A command line or setting that is wrong gets its one line and a pointer to the help, not the
 * whole usage text.
 */
final class Failure {
    private final boolean debug;
    private final PrintWriter err;

    Failure(List<String> args, PrintWriter err) {
        this.debug = args.contains("--debug") || Boolean.getBoolean("lisa4j.debug");
        this.err = err;
    }

    /** Reports a command's failure; returns the exit status. */
    int report(Throwable failure) {
        Throwable e = failure instanceof UncheckedIOException u ? u.getCause() : failure;
        if (e instanceof ParameterException p) {
            return usage(p);
        }
        err.println("lisa4j: " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** A command line picocli (or a setting's check) refused: the message, then where help is. */
    int usage(ParameterException e) {
        err.println("lisa4j: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * The failure's own message where it names what failed (the daemon's messages do), with the
     * reason of its cause when it has none yet; an unexpected exception says that it is one.
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + Reason.of(e);
        }
        boolean expected = e instanceof IOException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof java.security.GeneralSecurityException;
        if (!expected || message == null || message.isBlank()) {
            return "unexpected " + e.getClass().getName() + (message == null ? "" : ": " + message)
                    + " (--debug shows where)";
        }
        String reason = e.getCause() == null ? null : Reason.errnoOf(e.getCause());
        return reason == null || message.contains(reason) ? message : message + ": " + reason;
    }
}
