/** The gateway's settings, read once at start from MicroProfile Config (system properties, environment, defaults). */
package org.iotplatform.gateway.config;
