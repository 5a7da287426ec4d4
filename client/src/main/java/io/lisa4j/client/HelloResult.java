package io.lisa4j.client;

import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.fb.HelloReply;
import io.lisa4j.protocol.value.Negotiated;

/** HELLO's reply: what was negotiated, and the side-channel token when FD_DONATION was (null otherwise). */
record HelloResult(Negotiated negotiated, byte[] fdChannelToken) {
    static HelloResult decode(Frame reply) {
        HelloReply h = HelloReply.getRootAsHelloReply(Replies.body(reply));
        byte[] token = null;
        if (h.fdChannelTokenLength() > 0) {
            token = new byte[h.fdChannelTokenLength()];
            h.fdChannelTokenAsByteBuffer().get(token);
        }
        return new HelloResult(Replies.hello(reply), token);
    }
}
