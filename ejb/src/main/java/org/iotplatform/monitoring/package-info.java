/**
 * Remote monitoring for operators: the fleet at a glance (counts, message rate, refusals), pumping
 * stations grouped by their {@code station} tag with a health of their own, and vending machines that
 * need a refill. Read-only: everything here is derived from the registry and the telemetry store.
 */
package org.iotplatform.monitoring;
