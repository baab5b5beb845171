package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.iotplatform.web.platform.PlatformStatus;

/** The platform's own state on the overview: database and integration routes. */
final class PlatformCards {

    private PlatformCards() {}

    static Div database(PlatformStatus.Database database) {
        if (PlatformStatus.UP.equals(database.status())) {
            return card(
                    "database-card",
                    "Database",
                    "Available",
                    database.provider() + ", schema version " + database.schemaVersion());
        }
        return card("database-card", "Database", "Unavailable", "MariaDB does not answer");
    }

    static Div integration(PlatformStatus.Camel camel) {
        return card(
                "integration-card",
                "Integration",
                camel.context(),
                camel.routes().size() + " routes");
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
