/**
 * The gateway's side of the platform's internal API: device authentication, revocations and
 * connection events. The platform owns the device registry and the keys; the gateway only asks.
 */
package org.iotplatform.gateway.platform;
