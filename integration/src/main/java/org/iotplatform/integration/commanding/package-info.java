/**
 * Commands to devices and their answers, over MQTT through the gateway: the egress route publishes
 * what the commanding services send ({@link org.iotplatform.integration.commanding.MqttCommandChannel}),
 * the answer routes bring devices' replies back into those services.
 */
package org.iotplatform.integration.commanding;
