/** Operator-defined routes: which telemetry goes where (webhook, AMQP address, file), and its delivery outbox. */
package org.iotplatform.routing;
