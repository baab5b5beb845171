/**
 * The cloud gateway: a standalone process devices connect to. Its broker, adapters and simulator
 * arrive with the device registry (issue 3) and the fleet simulator (issue 5).
 */
package org.iotplatform.gateway;
