/**
 * Alerts for operators: the worklist (open first, worst first) with each alert's history and actions,
 * acknowledged, cleared, assigned and commented here; and the rules that raise them, defined by admins.
 * Views call the alerts services only, never a store.
 */
package org.iotplatform.web.ui.alerts;
