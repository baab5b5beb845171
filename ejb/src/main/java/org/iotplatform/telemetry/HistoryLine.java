package org.iotplatform.telemetry;

/**
 * One message of imported history, as a live payload ({@code {"ts":"...","temperature":71.5}}), and
 * where it stood in the file (a CSV line, or an element's position in a JSON array) for the report.
 *
 * @param refusal why the file's reader could not make a message of the line (null: it could; the
 *     policy judges the payload)
 */
public record HistoryLine(int line, byte[] payload, String refusal) {

    public HistoryLine(int line, byte[] payload) {
        this(line, payload, null);
    }
}
