package org.iotplatform.web.ui.audit;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.iotplatform.audit.AuditRecord;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.operators.Role;

/** The newest operator and system actions. Admins only. */
@Route("audit")
@Menu(title = "Audit log", order = 6, icon = "vaadin:list")
@PageTitle("Audit log · IoT Platform")
@RolesAllowed(Role.ADMIN_NAME)
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Inject
    public AuditView(AuditTrail audit) {
        setId("audit");
        setSizeFull();
        Grid<AuditRecord> grid = new Grid<>();
        grid.setId("audit-grid");
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(AuditRecord::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditRecord::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(AuditRecord::detail).setHeader("Detail").setFlexGrow(1);
        grid.setItems(audit.recent(500));
        add(new H2("Audit log"), grid);
    }
}
