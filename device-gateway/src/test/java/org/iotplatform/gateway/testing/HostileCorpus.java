package org.iotplatform.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The hostile-input corpus of one device interface: {@code src/test/resources/hostile/<name>.tsv}, one
 * case a line, tab-separated, columns named by the first line that is not a comment ({@code #}).
 * Every file has the columns {@code id}, {@code expect} (outcomes joined by {@code +}) and
 * {@code known-hole} ({@code -}, or why the case is skipped: a hole the gateway still has, or
 * {@code platform: ...} for what only the real platform checks); {@code -} is an empty field.
 *
 * <p>Fields may hold {@code ${name}} or {@code ${name:argument}} placeholders, expanded by the test
 * ({@link #expand}): {@code ${repeat:a:65000}} is built in, the rest ({@code ${self}}, {@code ${tag}},
 * {@code ${token:other}} ...) belong to the interface. {@code \\uXXXX} stands for any character (NUL).
 */
public final class HostileCorpus {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9-]+)(?::([^}]*))?}");
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private HostileCorpus() {}

    /** One line of the corpus. */
    public record Case(String file, int line, Map<String, String> columns) {

        public String id() {
            return columns.get("id");
        }

        /** The raw field ({@code -} read as empty). */
        public String get(String column) {
            String value = columns.get(column);
            if (value == null) {
                throw new IllegalArgumentException(file + ": no column '" + column + "'");
            }
            return value.equals("-") ? "" : value;
        }

        public Set<String> expect() {
            return Arrays.stream(get("expect").split("\\+"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        }

        /**
         * Skips the case when the corpus marks it (a known hole, or the platform's business); with
         * {@code -Dhostile.known-holes=true} known holes run, to see whether they are still there.
         */
        public void skipIfMarked() {
            String mark = get("known-hole");
            boolean platform = mark.startsWith("platform:");
            Assumptions.assumeTrue(
                    mark.isEmpty() || (!platform && Boolean.getBoolean("hostile.known-holes")),
                    () -> (platform ? "" : "KNOWN HOLE: ") + mark);
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + id();
        }
    }

    /**
     * The cases of {@code hostile/<name>.tsv}, named by their id, for a {@code @MethodSource}; with the
     * system property {@code hostile.cases} (a regular expression), only the cases whose id it matches.
     */
    public static Stream<Arguments> cases(String name) {
        Pattern only = Pattern.compile(System.getProperty("hostile.cases", ".*"));
        return read(name).stream()
                .filter(c -> only.matcher(c.id()).matches())
                .map(c -> Arguments.of(Named.of(c.id(), c)));
    }

    public static List<Case> read(String name) {
        String file = "hostile/" + name + ".tsv";
        String text;
        try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the test class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Case> cases = new ArrayList<>();
        List<String> header = null;
        Set<String> ids = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = List.of(line.split("\t", -1));
            if (header == null) {
                header = fields;
                for (String required : List.of("id", "expect", "known-hole")) {
                    if (!header.contains(required)) {
                        throw new IllegalStateException(
                                file + ":" + (i + 1) + ": the header has no column '" + required + "'");
                    }
                }
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": " + fields.size()
                        + " fields, the header names " + header.size() + " (tabs between fields, none inside)");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                columns.put(header.get(c), fields.get(c).trim());
            }
            if (!ids.add(columns.get("id"))) {
                throw new IllegalStateException(
                        file + ":" + (i + 1) + ": id '" + columns.get("id") + "' is used twice");
            }
            cases.add(new Case(file, i + 1, Map.copyOf(columns)));
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException(file + " holds no cases");
        }
        return cases;
    }

    /**
     * The field with its placeholders and escapes replaced; {@code vocabulary} maps a placeholder's name
     * to a function of its argument (empty when none). An unknown placeholder fails the case.
     */
    public static String expand(String field, Map<String, Function<String, String>> vocabulary) {
        Map<String, Function<String, String>> words = new HashMap<>(vocabulary);
        words.putIfAbsent("repeat", argument -> {
            int colon = argument.lastIndexOf(':');
            return argument.substring(0, colon).repeat(Integer.parseInt(argument.substring(colon + 1)));
        });
        Matcher m = PLACEHOLDER.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Function<String, String> word = words.get(m.group(1));
            if (word == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "} in '" + field + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word.apply(m.group(2) == null ? "" : m.group(2))));
        }
        m.appendTail(out);
        Matcher e = ESCAPE.matcher(out);
        StringBuilder unescaped = new StringBuilder();
        while (e.find()) {
            e.appendReplacement(
                    unescaped, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(e.group(1), 16))));
        }
        e.appendTail(unescaped);
        return unescaped.toString();
    }

    /**
     * A body generator, or {@code null} when the field is not one: {@code bytes:N} (the tag, padded
     * with {@code x} to N bytes), {@code nested-object:N} / {@code nested-array:N} (JSON N levels deep),
     * {@code digits:N} (a metric whose number has N digits), {@code utf16:<text>} (the text in UTF-16).
     */
    public static byte[] generate(String field, String tag) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = field.substring(0, colon);
        String argument = field.substring(colon + 1);
        return switch (kind) {
            case "bytes" -> {
                int n = Integer.parseInt(argument);
                byte[] body = new byte[n];
                Arrays.fill(body, (byte) 'x');
                byte[] t = tag.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(t, 0, body, 0, Math.min(t.length, n));
                yield body;
            }
            case "nested-object" ->
                ascii("{\"a\":".repeat(Integer.parseInt(argument)) + "1" + "}".repeat(Integer.parseInt(argument)));
            case "nested-array" ->
                ascii("{\"a\":" + "[".repeat(Integer.parseInt(argument)) + "]".repeat(Integer.parseInt(argument))
                        + "}");
            case "digits" -> ascii("{\"a\":" + "9".repeat(Integer.parseInt(argument)) + "}");
            case "utf16" -> argument.getBytes(StandardCharsets.UTF_16);
            default -> null;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
