/** The Vaadin dashboard: the shell ({@link org.iotplatform.web.ui.MainLayout}) and one package per screen. */
package org.iotplatform.web.ui;
