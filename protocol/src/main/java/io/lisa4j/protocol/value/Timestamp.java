package io.lisa4j.protocol.value;

/** A point in time as the kernel reports it: seconds since the epoch and nanoseconds. */
public record Timestamp(long seconds, int nanos) {
    public static final Timestamp EPOCH = new Timestamp(0, 0);

    public Timestamp {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
    }

    public java.time.Instant toInstant() {
        return java.time.Instant.ofEpochSecond(seconds, nanos);
    }

    public static Timestamp of(java.time.Instant instant) {
        return new Timestamp(instant.getEpochSecond(), instant.getNano());
    }
}
