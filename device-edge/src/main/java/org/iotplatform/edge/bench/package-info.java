/**
 * Load generators for benchmarks: many simulated device connections from one process, on Netty
 * (HiveMQ's non-blocking client) rather than a thread per connection.
 */
package org.iotplatform.edge.bench;
