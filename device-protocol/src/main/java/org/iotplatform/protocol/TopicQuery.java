package org.iotplatform.protocol;

import java.util.Optional;

/**
 * The query of IoT Hub's {@code $iothub/...} topics: the request id {@code $rid} that pairs a method
 * call or twin request with its answer, and the twin {@code $version}. Written as IoT Hub writes it,
 * names not encoded ({@code ?$rid=7&$version=3}); read as a property bag. Request ids are opaque text
 * chosen by whoever asks (the back end for method calls, the device for twin requests).
 */
public record TopicQuery(String requestId, Long version) {

    public static final String REQUEST_ID = "$rid";
    public static final String VERSION = "$version";

    public static TopicQuery request(String requestId) {
        return new TopicQuery(requestId, null);
    }

    public static TopicQuery version(long version) {
        return new TopicQuery(null, version);
    }

    /** Reads {@code $rid=..&$version=..} (without the {@code ?}); absent or unreadable parts are null. */
    public static TopicQuery parse(String query) {
        PropertyBag bag = PropertyBag.parse(query);
        Long version = bag.get(VERSION)
                .map(v -> {
                    try {
                        return Long.valueOf(v);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
        return new TopicQuery(bag.get(REQUEST_ID).orElse(null), version);
    }

    /** {@code $rid=<id>&$version=<n>}, leaving out what is null; the request id is URL-encoded. */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (requestId != null) {
            out.append(REQUEST_ID).append('=').append(PropertyBag.encode(requestId));
        }
        if (version != null) {
            out.append(out.length() > 0 ? "&" : "").append(VERSION).append('=').append(version);
        }
        return out.toString();
    }

    public Optional<String> optionalRequestId() {
        return Optional.ofNullable(requestId);
    }
}
