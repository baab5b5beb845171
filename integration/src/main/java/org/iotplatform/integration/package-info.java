/**
 * Apache Camel inside the EAR: the context's life cycle ({@link org.iotplatform.integration.CamelRuntime}),
 * the link to the gateways' broker, error handling declared once for every route ({@link
 * org.iotplatform.integration.PlatformRoutes}, {@link org.iotplatform.integration.DeadLetterRoute}), and
 * the routes by direction: {@code ingress} (what devices send) and {@code egress} (what goes to
 * devices and other systems).
 */
package org.iotplatform.integration;
