package io.lisa4j.server.metrics;

/** Which limit refused a request: the {@code limit} tag of {@code lisa4j_requests_refused_total}. */
public enum LimitKind {
    /** The connection's max_in_flight (EAGAIN). */
    IN_FLIGHT("in_flight"),
    /** The worker pool's queue was full (EAGAIN). */
    WORKER_QUEUE("worker_queue"),
    /** A frame above the negotiated max_message_size (EMSGSIZE). */
    MESSAGE_SIZE("message_size"),
    /** The connection's handle table was full (EMFILE). */
    HANDLES("handles");

    private final String tag;

    LimitKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
