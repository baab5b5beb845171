/** Device traffic in: routes from the gateways' broker into the telemetry service. */
package org.iotplatform.integration.ingress;
