/**
 * Who may use the dashboard and the API: one authentication mechanism (HTTP Basic for
 * {@code /api}, a session for the dashboard), the operator identity store and the view guard.
 */
package org.iotplatform.web.security;
