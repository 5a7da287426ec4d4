package io.lisa4j.client;

import io.lisa4j.protocol.codec.Frame;
import java.io.IOException;

/** Turns a successful reply (status 0) into the call's result; runs before the frame is released. */
@FunctionalInterface
interface ReplyDecoder<T> {
    T decode(Frame reply) throws IOException;
}
