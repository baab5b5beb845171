/**
 * The fleet simulator: pumps of pumping stations and vending machines as real devices (own identity,
 * SAS token, Paho MQTT, QoS 1, persistent sessions, an on-disk outbox), with seeded, reproducible
 * behaviour so the dashboard and analytics have something true to look at.
 */
package org.iotplatform.edge.simulator;
