package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;

/** A decoded request, ready to call the backend. Runs on a worker thread, since it may block. */
@FunctionalInterface
public interface Action {
    Reply run() throws ErrnoException, StoppedException;
}
