package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.Component;
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

    /**
     * The severity's colour for borders and figures, matching its badge: critical and major red (major
     * paler), minor amber, warning grey.
     */
    public static String colour(String severity) {
        return known(severity)
                .map(s -> switch (s) {
                    case CRITICAL -> "var(--lumo-error-color)";
                    case MAJOR -> "var(--lumo-error-color-50pct)";
                    case MINOR -> "var(--lumo-warning-color, #e8a317)";
                    case WARNING -> "var(--lumo-contrast-50pct)";
                })
                .orElse("var(--lumo-contrast-30pct)");
    }

    /**
     * Marks {@code component} with the worst severity of its active alerts: {@code data-alert} for
     * styles and tests, a coloured left border to see; both removed when {@code worst} is null.
     */
    public static void markAlert(Component component, Severity worst) {
        if (worst == null) {
            component.getElement().removeAttribute("data-alert");
            component.getElement().getStyle().remove("border-left");
            component.getElement().removeAttribute("title");
        } else {
            component.getElement().setAttribute("data-alert", worst.value());
            component.getElement().getStyle().set("border-left", "6px solid " + colour(worst.value()));
            component.getElement().setAttribute("title", "Worst active alert: " + worst.value());
        }
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
