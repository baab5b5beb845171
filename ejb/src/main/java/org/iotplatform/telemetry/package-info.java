/**
 * Telemetry: what devices report. The policy a message must meet, its de-duplicated storage as
 * time series, the history read side, and the store of refused messages with their reasons.
 */
package org.iotplatform.telemetry;
