/** Rules that watch telemetry and the alerts they raise: one active alert per (device, rule), its history. */
package org.iotplatform.alerts;
