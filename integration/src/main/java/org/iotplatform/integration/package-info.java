/**
 * Apache Camel inside the EAR: the context's life cycle, and (in sub-packages) the routes that move
 * device traffic in, commands out and work orders to business systems.
 */
package org.iotplatform.integration;
