/**
 * The HTTPS device API, for devices that cannot keep an MQTT or AMQP connection: telemetry as one POST
 * per message with a SAS token, translated into the broker like an MQTT publish.
 */
package org.iotplatform.gateway.http;
