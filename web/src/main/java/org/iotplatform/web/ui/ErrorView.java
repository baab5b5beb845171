package org.iotplatform.web.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What an operator sees when something breaks: an incident id, never a stack trace. */
@PageTitle("Error · IoT Platform")
@PermitAll
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger LOG = Logger.getLogger(ErrorView.class.getName());

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Dashboard error, incident " + incident, parameter.getCaughtException());
        removeAll();
        add(
                new H2("Something went wrong"),
                new Paragraph("The problem has been logged as incident " + incident
                        + ". Try again, or tell an administrator."));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
