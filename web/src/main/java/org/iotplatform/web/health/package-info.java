/** MicroProfile Health checks: what {@code /health/ready} and {@code /health/live} report. */
package org.iotplatform.web.health;
