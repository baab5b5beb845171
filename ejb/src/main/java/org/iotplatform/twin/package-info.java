/**
 * Device twins: the back end's desired properties and the device's reported properties, versioned,
 * kept in MariaDB, exchanged with devices over IoT Hub's twin topics; tags are the registry's.
 */
package org.iotplatform.twin;
