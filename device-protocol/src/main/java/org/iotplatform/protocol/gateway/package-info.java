/**
 * The gateway's internal API ({@code /api/v1/internal/gateway}, called by device gateways with their
 * service identity): records as they cross the wire, written by one process and read by the other.
 * Enumerated values travel as their wire names (lower case), so JSON-B and Jackson agree without
 * annotations.
 */
package org.iotplatform.protocol.gateway;
