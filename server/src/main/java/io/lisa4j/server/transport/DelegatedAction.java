package io.lisa4j.server.transport;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.dispatch.Action;
import io.lisa4j.server.security.ThreadCredentials;

/** An action that runs with a caller's filesystem credentials on its worker thread. */
final class DelegatedAction {
    private DelegatedAction() {}

    static Action of(Action action, Credentials caller) {
        if (caller == null) {
            return action;
        }
        return () -> {
            try {
                return ThreadCredentials.runAs(caller, action::run);
            } catch (ErrnoException | StoppedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
