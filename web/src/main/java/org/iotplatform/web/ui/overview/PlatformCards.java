package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;

/** The platform's own state on the overview: database and integration routes. */
final class PlatformCards {

    private PlatformCards() {}

    static Div database(DatabaseStatus database) {
        try {
            DatabaseStatus.Report report = database.check();
            return card(
                    "database-card",
                    "Database",
                    "Available",
                    report.provider() + ", schema version " + report.schemaVersion());
        } catch (RuntimeException e) {
            return card("database-card", "Database", "Unavailable", "MariaDB does not answer");
        }
    }

    static Div integration(CamelRuntime camel) {
        CamelRuntime.Status status = camel.status();
        return card(
                "integration-card",
                "Integration",
                status.context(),
                status.routes().size() + " routes");
    }

    private static Div card(String id, String title, String state, String detail) {
        H3 heading = new H3(title);
        heading.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.NONE);
        Div card = new Div(heading, new Span(state), new Div(new Span(detail)));
        card.setId(id);
        card.addClassNames(
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL);
        card.setMinWidth("16em");
        return card;
    }
}
