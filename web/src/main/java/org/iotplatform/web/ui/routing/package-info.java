/**
 * Telemetry routes for operators: which messages go to which webhook, AMQP address or directory, and
 * how delivery is going. Views call the routing service only, never a store.
 */
package org.iotplatform.web.ui.routing;
