/**
 * MicroProfile Health checks: what the anonymous {@code /health/ready} and {@code /health/live}
 * report, each check's name and UP/DOWN only (versions, catalog, routes and heap are for admins, in
 * {@code GET /api/v1/platform/status}).
 */
package org.iotplatform.web.health;
