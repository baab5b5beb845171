/** Operator-defined routes: delivers the routing outbox to webhooks, AMQP addresses and files. */
package org.iotplatform.integration.routing;
