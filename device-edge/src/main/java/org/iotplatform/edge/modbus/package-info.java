/**
 * The Modbus TCP protocol adapter: polls pump controllers' registers and sends them as telemetry under
 * each controller's own device identity; commands become register writes. What a register means is
 * configuration (a register map per controller model), not code per device.
 */
package org.iotplatform.edge.modbus;
