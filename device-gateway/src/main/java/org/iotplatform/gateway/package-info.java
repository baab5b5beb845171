/**
 * The cloud gateway devices connect to: a standalone process ({@link org.iotplatform.gateway.GatewayMain})
 * embedding Artemis for MQTT and AMQP 1.0, authenticating devices against the platform.
 */
package org.iotplatform.gateway;
