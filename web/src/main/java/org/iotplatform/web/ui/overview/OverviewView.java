package org.iotplatform.web.ui.overview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;

import org.iotplatform.infrastructure.persistence.DatabaseStatus;
import org.iotplatform.integration.CamelRuntime;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.MainLayout;

/** The home view: the platform's own state; fleet figures join it as devices arrive. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class OverviewView extends VerticalLayout {

    @Inject
    public OverviewView(DatabaseStatus database, CamelRuntime camel) {
        setId("overview");
        add(new H2("Overview"));
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames(LumoUtility.Gap.MEDIUM);
        cards.add(databaseCard(database), integrationCard(camel));
        add(cards);
    }

    private static Div databaseCard(DatabaseStatus database) {
        try {
            DatabaseStatus.Report report = database.check();
            return card("database-card", "Database", "Available",
                    report.provider() + ", schema version " + report.schemaVersion());
        } catch (RuntimeException e) {
            return card("database-card", "Database", "Unavailable", "MariaDB does not answer");
        }
    }

    private static Div integrationCard(CamelRuntime camel) {
        CamelRuntime.Status status = camel.status();
        return card("integration-card", "Integration", status.context(),
                status.routes().size() + " routes");
    }

    private static Div card(String id, String title, String state, String detail) {
        Div card = new Div(new H3(title), new Span(state), new Div(new Span(detail)));
        card.setId(id);
        card.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5, LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL);
        card.setMinWidth("16em");
        return card;
    }
}
