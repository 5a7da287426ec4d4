package io.lisa4j.protocol.codec;

/**
 * A frame whose length exceeded the negotiated maximum. Its bytes were skipped, so the stream
 * stays in sync; the receiver answers the request id with EMSGSIZE (PROTOCOL.md §2.3).
 */
public record OversizeFrame(int requestId, int opcode, int word, long length) {}
