/** The platform's own state (database, integration, telemetry flow, heap), read once for the admin API and the dashboard. */
package org.iotplatform.web.platform;
