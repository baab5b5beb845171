package org.iotplatform.web.ui;

import com.vaadin.flow.server.auth.DefaultMenuAccessControl;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Vaadin's default {@code MenuAccessControl}, as a CDI bean. {@code MenuConfiguration}, which builds
 * the side navigation, asks the instantiator for one; vaadin-cdi 15 predates it (Vaadin 24.5), looks
 * it up as a bean and otherwise tries to instantiate the interface, which fails.
 */
@ApplicationScoped
public class DashboardMenuAccessControl extends DefaultMenuAccessControl {}
