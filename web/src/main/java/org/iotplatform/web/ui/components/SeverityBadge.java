package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.html.Span;
import java.util.Arrays;
import java.util.Optional;
import org.iotplatform.alerts.Severity;

/**
 * An alert's or a rule's severity as a coloured badge (Lumo's badge themes, so both themes work):
 * critical solid red, major red, minor amber, warning grey. The one place that maps severity to colour.
 */
public class SeverityBadge extends Span {

    public SeverityBadge(String severity) {
        setText(severity == null ? "" : severity);
        addClassName("severity-badge");
        getElement().getThemeList().add("badge " + theme(severity));
        getElement().setAttribute("data-severity", severity == null ? "" : severity);
    }

    /** The Lumo badge theme for {@code severity} (an unknown one is shown neutral, not refused). */
    public static String theme(String severity) {
        return known(severity)
                .map(s -> switch (s) {
                    case CRITICAL -> "error primary";
                    case MAJOR -> "error";
                    case MINOR -> "warning";
                    case WARNING -> "contrast";
                })
                .orElse("contrast");
    }

    /** Worst first: 0 for critical ... 3 for warning; an unknown severity after all of them. */
    public static int rank(String severity) {
        return known(severity).map(Enum::ordinal).orElse(Severity.values().length);
    }

    private static Optional<Severity> known(String severity) {
        return Arrays.stream(Severity.values())
                .filter(s -> s.value().equals(severity))
                .findFirst();
    }
}
