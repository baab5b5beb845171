/**
 * What runs beside the devices or beside the platform, not in the cloud gateway: a standalone process
 * ({@link org.iotplatform.edge.EdgeMain}) for the fleet simulator, the Modbus TCP adapter and the
 * benchmarks' load generators, all of them devices of the gateway.
 */
package org.iotplatform.edge;
