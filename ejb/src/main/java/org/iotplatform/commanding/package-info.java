/**
 * Commanding devices, as IoT Hub does it: direct methods (request and response now), cloud-to-device
 * messages (durable, queued while the device is offline) and the device twin. Services here decide;
 * {@link org.iotplatform.commanding.CommandChannel} (implemented by the Camel routes of the integration
 * module) carries commands to the gateway and their answers back.
 */
package org.iotplatform.commanding;
