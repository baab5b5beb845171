/**
 * Everything that leaves the platform: commands to devices through the gateway (direct methods,
 * cloud-to-device messages, desired properties, twin answers; {@link
 * org.iotplatform.integration.egress.MqttCommandChannel}) and what operator routes deliver to
 * webhooks, AMQP addresses and directories.
 */
package org.iotplatform.integration.egress;
