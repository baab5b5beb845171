package org.iotplatform.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotplatform.telemetry.TelemetryMessage;

/**
 * A route's condition, e.g. {@code temperature > 80}, {@code alert = true},
 * {@code vibration >= 0.7 and device != pump-004}, {@code property.kind = 'pump' or pressure < 1.5}.
 * Terms compare a metric (numbers; {@code true}/{@code false} are 1/0), {@code device} (the device id)
 * or {@code property.<name>} (the message's property bag) with {@code > >= < <= = !=}; {@code and}
 * binds tighter than {@code or}. A metric the message does not carry makes its term false.
 * Parsed once when the rule is saved, so a bad condition is refused with the reason.
 */
public final class RuleCondition {

    private static final Pattern TOKEN = Pattern.compile("'[^']*'|>=|<=|!=|=|>|<|[^\\s<>=!']+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-$]{0,127}");

    private enum Op {
        GT(">"),
        GE(">="),
        LT("<"),
        LE("<="),
        EQ("="),
        NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String s) {
            for (Op op : values()) {
                if (op.symbol.equals(s)) {
                    return op;
                }
            }
            return null;
        }

        boolean test(int comparison) {
            return switch (this) {
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }
    }

    private record Term(String operand, Op op, String text, Double number) {

        boolean test(TelemetryMessage m, Map<String, String> properties) {
            if (operand.equals("device")) {
                return op.test(m.deviceId().value().compareTo(text));
            }
            if (operand.startsWith("property.")) {
                String value = properties.get(operand.substring("property.".length()));
                return value != null && op.test(value.compareTo(text));
            }
            Double value = m.values().get(operand);
            return value != null && number != null && op.test(Double.compare(value, number));
        }
    }

    private final String text;
    /** OR of ANDs. */
    private final List<List<Term>> alternatives;

    private RuleCondition(String text, List<List<Term>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    public static RuleCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRuleException("condition is required, e.g. temperature > 80");
        }
        if (text.length() > 512) {
            throw new InvalidRuleException("condition is longer than 512 characters");
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        List<List<Term>> alternatives = new ArrayList<>();
        List<Term> all = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw new InvalidRuleException(
                        "incomplete condition: expected '<metric> <operator> <value>' at the end of '" + text + "'");
            }
            all.add(term(tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)));
            i += 3;
            if (i == tokens.size()) {
                break;
            }
            String joiner = tokens.get(i++).toLowerCase();
            if (joiner.equals("or")) {
                alternatives.add(all);
                all = new ArrayList<>();
            } else if (!joiner.equals("and")) {
                throw new InvalidRuleException("expected 'and' or 'or', found '" + tokens.get(i - 1) + "'");
            }
        }
        alternatives.add(all);
        return new RuleCondition(text.trim(), List.copyOf(alternatives));
    }

    private static Term term(String operand, String operator, String literal) {
        if (!NAME.matcher(operand).matches()) {
            throw new InvalidRuleException("'" + operand + "' is not a metric, 'device' or 'property.<name>'");
        }
        Op op = Op.of(operator);
        if (op == null) {
            throw new InvalidRuleException("'" + operator + "' is not one of > >= < <= = !=");
        }
        String text = literal.startsWith("'") ? literal.substring(1, literal.length() - 1) : literal;
        boolean textual = operand.equals("device") || operand.startsWith("property.");
        if (textual) {
            return new Term(operand, op, text, null);
        }
        Double number = switch (literal) {
            case "true" -> 1.0;
            case "false" -> 0.0;
            default -> {
                try {
                    yield Double.valueOf(literal);
                } catch (NumberFormatException e) {
                    throw new InvalidRuleException(
                            "metric '" + operand + "' compares with a number, true or false, not '" + literal + "'");
                }
            }
        };
        return new Term(operand, op, text, number);
    }

    public boolean test(TelemetryMessage message, Map<String, String> properties) {
        for (List<Term> all : alternatives) {
            boolean match = true;
            for (Term t : all) {
                if (!t.test(message, properties)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** The metrics the condition reads (not {@code device} or properties), e.g. to tell a message that lacks them. */
    public Set<String> metrics() {
        Set<String> metrics = new LinkedHashSet<>();
        for (List<Term> all : alternatives) {
            for (Term t : all) {
                if (!t.operand().equals("device") && !t.operand().startsWith("property.")) {
                    metrics.add(t.operand());
                }
            }
        }
        return metrics;
    }

    /** Whether a term reads the message's property bag, which is not stored with the telemetry. */
    public boolean readsProperties() {
        return alternatives.stream()
                .flatMap(List::stream)
                .anyMatch(t -> t.operand().startsWith("property."));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
