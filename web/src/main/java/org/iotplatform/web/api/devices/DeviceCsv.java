package org.iotplatform.web.api.devices;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.iotplatform.registry.DeviceImport;
import org.iotplatform.registry.InvalidDeviceException;

/**
 * The registry's CSV file format, shared by import and export so an export imports again:
 * {@code deviceId,status,primaryKey,secondaryKey,tags} with tags as {@code name=value;name=value}.
 */
public final class DeviceCsv {

    static final String[] HEADER = {"deviceId", "status", "primaryKey", "secondaryKey", "tags"};

    private DeviceCsv() {}

    public static List<DeviceImport.Line> parse(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(false)
                .get();
        List<DeviceImport.Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderMap().containsKey("deviceId")) {
                throw new InvalidDeviceException("CSV needs a header line with at least a deviceId column");
            }
            for (CSVRecord r : parser) {
                lines.add(new DeviceImport.Line(
                        (int) r.getRecordNumber() + 1,
                        column(r, "deviceId"),
                        column(r, "status"),
                        column(r, "primaryKey"),
                        column(r, "secondaryKey"),
                        tags(column(r, "tags"))));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // the cause's message: the wrapper's starts with the parser's class name
            Throwable reason = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw new InvalidDeviceException("not a readable CSV file: " + reason.getMessage());
        }
        return lines;
    }

    private static String column(CSVRecord r, String name) {
        return r.isMapped(name) && r.isSet(name) ? r.get(name) : null;
    }

    public static Map<String, String> tags(String text) {
        Map<String, String> tags = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return tags;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidDeviceException("tags must be name=value pairs separated by ';'");
            }
            tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return tags;
    }

    public static String tagsText(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    public static CSVPrinter printer(Writer writer) throws IOException {
        return new CSVPrinter(
                writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
    }
}
