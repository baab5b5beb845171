package org.iotplatform.web.api.telemetry;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.iotplatform.telemetry.HistoryLine;
import org.iotplatform.web.api.InvalidJsonException;
import org.iotplatform.web.api.InvalidParameterException;

/**
 * The files a device's history is imported from, turned into live payloads so one policy checks
 * both: CSV with a header {@code ts,<metric>,...} (one message a line; an empty cell leaves the
 * metric out), or a JSON array of messages as devices send them. A file that cannot be read as
 * either is refused as a whole; a line that can be read but breaks the policy is reported by number.
 */
final class HistoryFile {

    static final String TIMESTAMP = "ts";

    private HistoryFile() {}

    static List<HistoryLine> csv(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<HistoryLine> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = null;
            long lineNumber = 0;
            for (CSVRecord r : parser) {
                // the parser's line count has passed this record's line break (if any)
                lineNumber = Math.max(lineNumber + 1, parser.getCurrentLineNumber());
                if (header == null) {
                    header = header(r);
                    continue;
                }
                byte[] payload = payload(header, r);
                lines.add(
                        r.size() > header.size()
                                ? new HistoryLine(
                                        (int) lineNumber,
                                        payload,
                                        r.size() + " values for " + header.size() + " columns")
                                : new HistoryLine((int) lineNumber, payload));
            }
            if (header == null) {
                throw new InvalidParameterException("the CSV file is empty: it needs a header line ts,<metric>,...");
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            Throwable reason = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw new InvalidParameterException("not a readable CSV file: " + reason.getMessage());
        }
        return lines;
    }

    private static List<String> header(CSVRecord r) {
        List<String> names = r.toList();
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1)); // a byte order mark, as spreadsheets write
        }
        if (names.size() < 2 || !TIMESTAMP.equals(names.get(0))) {
            throw new InvalidParameterException(
                    "the CSV header must be ts,<metric>,... (a time column, then one column per metric)");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new InvalidParameterException("the CSV header names '" + name + "' twice");
            }
        }
        return names;
    }

    /** The line as the JSON a device would send; what does not belong in it is left to the policy to refuse. */
    private static byte[] payload(List<String> header, CSVRecord r) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        int cells = Math.min(header.size(), r.size());
        for (int i = 0; i < cells; i++) {
            String cell = r.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            String name = header.get(i);
            if (i == 0) {
                json.add(name, cell);
            } else if (cell.equals("true") || cell.equals("false")) {
                json.add(name, Boolean.parseBoolean(cell));
            } else {
                try {
                    json.add(name, new BigDecimal(cell));
                } catch (NumberFormatException e) {
                    json.add(name, cell); // refused by the policy: numbers and booleans only
                }
            }
        }
        return json.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<HistoryLine> json(InputStream body) {
        List<HistoryLine> lines = new ArrayList<>();
        try (JsonParser parser = Json.createParser(body)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                throw new InvalidJsonException("the body must be a JSON array of messages");
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_ARRAY) {
                    return lines;
                }
                String element = parser.getValue().toString();
                lines.add(new HistoryLine(lines.size() + 1, element.getBytes(StandardCharsets.UTF_8)));
            }
            throw new InvalidJsonException("the JSON array is not closed");
        } catch (JsonParsingException e) {
            throw InvalidJsonException.of(e);
        } catch (JsonException e) {
            throw new InvalidJsonException("not JSON: " + e.getMessage());
        }
    }
}
