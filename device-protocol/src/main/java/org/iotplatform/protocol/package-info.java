/**
 * The device protocol as both processes see it: the device-facing topics and addresses of IoT Hub's
 * device API ({@link org.iotplatform.protocol.DeviceTopics}), the property bag
 * ({@link org.iotplatform.protocol.PropertyBag}), request ids and versions
 * ({@link org.iotplatform.protocol.TopicQuery}), the id-carrying {@code $iothub/<id>/...} forms inside
 * the broker that the back end reads and writes ({@link org.iotplatform.protocol.BackendTopics}), how
 * the broker names topics internally ({@link org.iotplatform.protocol.CoreAddresses}), and the records
 * of the gateway's internal API ({@link org.iotplatform.protocol.gateway}). Plain Java: the gateway
 * (Artemis) and the back end (Camel on Payara) both depend on it, so a topic rule exists once.
 */
package org.iotplatform.protocol;
