package org.iotplatform.web.karibu;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;

/**
 * The mocked UI's start page in view tests: the real one's layout needs CDI, which a mocked Vaadin has
 * not, so this one stays out of the automatic layout too.
 */
@Route(value = "", autoLayout = false)
public class EmptyRoot extends Div {}
