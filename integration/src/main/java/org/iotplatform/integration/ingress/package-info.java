/**
 * Everything devices send, from the gateways' broker into the application services: telemetry (MQTT
 * or AMQP, acknowledged once stored), the telemetry-flow probe, direct-method answers, and twin reads
 * and reported patches.
 */
package org.iotplatform.integration.ingress;
