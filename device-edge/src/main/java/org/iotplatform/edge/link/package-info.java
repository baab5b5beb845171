/**
 * The device side: what device firmware does to talk to the gateway (SAS tokens, a store-and-forward
 * MQTT link, commands), shared by the fleet simulator and the protocol adapters that act for devices.
 */
package org.iotplatform.edge.link;
