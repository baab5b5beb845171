/**
 * Devices for operators: the registry list and each device's page (state, latest and live values,
 * history, refused messages). Views call the registry and telemetry services only, never a store.
 */
package org.iotplatform.web.ui.devices;
