/** The JAX-RS API under {@code /api/v1}: thin resources that validate, call one service and map to DTOs. */
package org.iotplatform.web.api;
