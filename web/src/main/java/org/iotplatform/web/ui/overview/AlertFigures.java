package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.iotplatform.alerts.Severity;
import org.iotplatform.web.ui.alerts.AlertsView;
import org.iotplatform.web.ui.components.SeverityBadge;

/**
 * The overview's "Open alerts" card: how many alerts are active, by severity, worst first; each count
 * opens the Alerts view filtered to its severity.
 */
class AlertFigures extends Composite<Div> {

    private final Map<Severity, RouterLink> counts = new EnumMap<>(Severity.class);

    AlertFigures() {
        Span name = new Span("Open alerts");
        name.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div row = new Div();
        row.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.LARGE, LumoUtility.FlexWrap.WRAP);
        for (Severity s : Severity.values()) {
            RouterLink count = AlertsView.link("\u2026", AlertsView.SEVERITY, s.value());
            count.setId("kpi-alerts-" + s.value());
            count.addClassNames(
                    "kpi-value",
                    LumoUtility.FontSize.XXXLARGE,
                    LumoUtility.FontWeight.SEMIBOLD,
                    LumoUtility.LineHeight.XSMALL);
            count.getStyle().set("text-decoration", "none");
            counts.put(s, count);
            Div one = new Div(new SeverityBadge(s.value()), count);
            one.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.XSMALL);
            row.add(one);
        }
        Div card = getContent();
        card.setId("kpi-alerts");
        card.add(name, row);
        card.addClassNames(
                "kpi",
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.XSMALL);
        card.getStyle().set("flex", "1 1 20em");
    }

    /** A count above zero in its severity's colour, zero in the body's: what needs looking at stands out. */
    void show(Map<Severity, Long> active) {
        counts.forEach((s, link) -> {
            long n = active.getOrDefault(s, 0L);
            link.setText(String.format(Locale.ROOT, "%,d", n));
            link.getElement().setAttribute("aria-label", n + " active " + s.value() + " alerts");
            link.getStyle().set("color", n > 0 ? SeverityBadge.colour(s.value()) : "var(--lumo-body-text-color)");
        });
    }
}
