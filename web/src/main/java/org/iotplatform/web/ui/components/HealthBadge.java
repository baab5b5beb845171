package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.html.Span;
import org.iotplatform.monitoring.Health;

/** A coloured badge for a {@link Health}: green OK, amber degraded, red down, grey empty (Lumo's badge themes). */
public class HealthBadge extends Span {

    public HealthBadge(Health health) {
        show(health);
    }

    public final void show(Health health) {
        setText(label(health));
        getElement().getThemeList().clear();
        getElement().getThemeList().add("badge " + theme(health));
        getElement().setAttribute("data-health", health.name().toLowerCase(java.util.Locale.ROOT));
    }

    public static String label(Health health) {
        return switch (health) {
            case OK -> "OK";
            case DEGRADED -> "Degraded";
            case DOWN -> "Down";
            case EMPTY -> "No devices";
        };
    }

    /** The health's colour for drawings and borders (Lumo's colours, so both themes work). */
    public static String colour(Health health) {
        return switch (health) {
            case OK -> "var(--lumo-success-color)";
            case DEGRADED -> "var(--lumo-warning-color, #e8a317)";
            case DOWN -> "var(--lumo-error-color)";
            case EMPTY -> "var(--lumo-contrast-30pct)";
        };
    }

    private static String theme(Health health) {
        return switch (health) {
            case OK -> "success";
            case DEGRADED -> "warning";
            case DOWN -> "error primary";
            case EMPTY -> "contrast";
        };
    }
}
