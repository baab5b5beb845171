/**
 * The embedded Artemis broker devices connect to, and the rules around it: who a connection is
 * (SAS token checked by the platform), which topics a device may use, how much it may publish, and
 * when its connection ends (token expiry, revocation).
 */
package org.iotplatform.gateway.broker;
