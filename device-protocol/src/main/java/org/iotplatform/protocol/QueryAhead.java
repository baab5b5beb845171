package org.iotplatform.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * How the back end hands a topic query ({@code $rid=7}) to the gateway for a device: ahead of the
 * payload as {@code NUL <query> LF <payload>}. A NUL cannot start JSON, and MQTT 3.1.1 deliveries carry
 * no user properties, so the payload is the one place the gateway can read it back from; the gateway
 * puts it into the topic the device sees ({@code ...?$rid=7}) and delivers the payload without it.
 */
public final class QueryAhead {

    public static final byte START = 0;
    public static final byte END = '\n';

    private QueryAhead() {}

    /** A query and payload read back. */
    public record Framed(String query, byte[] payload) {}

    public static byte[] frame(TopicQuery query, byte[] payload) {
        byte[] head = query.format().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 2 + payload.length];
        out[0] = START;
        System.arraycopy(head, 0, out, 1, head.length);
        out[head.length + 1] = END;
        System.arraycopy(payload, 0, out, head.length + 2, payload.length);
        return out;
    }

    /** The query ahead of a payload; empty when it carries none (the payload is then as sent). */
    public static Optional<Framed> unframe(byte[] framed) {
        int end = queryEnd(framed, framed.length);
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(new Framed(
                new String(framed, 1, end - 1, StandardCharsets.UTF_8),
                Arrays.copyOfRange(framed, end + 1, framed.length)));
    }

    /**
     * The index of the {@link #END} that closes a query framed at the start of {@code bytes}, or -1 when
     * it does not start with one; for readers that do not copy (the gateway reads Netty buffers).
     */
    public static int queryEnd(byte[] bytes, int length) {
        if (length < 2 || bytes[0] != START) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            if (bytes[i] == END) {
                return i;
            }
        }
        return -1;
    }
}
