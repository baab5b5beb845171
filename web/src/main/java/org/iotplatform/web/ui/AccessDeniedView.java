package org.iotplatform.web.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Shown instead of a view the operator's role does not include. */
@Route("access-denied")
@PageTitle("Access denied · IoT Platform")
@PermitAll
public class AccessDeniedView extends VerticalLayout {

    public AccessDeniedView() {
        setId("access-denied");
        add(
                new H2("Access denied"),
                new Paragraph("Your role does not include this page. Ask an administrator if you need it."));
    }
}
