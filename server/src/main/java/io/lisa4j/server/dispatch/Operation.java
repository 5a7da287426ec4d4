package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.ErrnoException;

/**
 * One opcode: decodes and validates the request on the event loop and returns the {@link Action}
 * that performs it. A RuntimeException thrown here means the body could not be decoded (EBADMSG).
 */
@FunctionalInterface
public interface Operation {
    Action decode(Call call) throws ErrnoException;
}
