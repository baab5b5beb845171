/**
 * Who may use the dashboard and the API: one authentication mechanism (HTTP Basic for
 * {@code /api}, a session for the dashboard), the operator identity store and the view guard. The
 * mechanism also signs in callers of Payara's {@code /metrics} and {@code /openapi}, which Payara
 * adds to this module ({@link org.iotplatform.web.security.ServerEndpoints}).
 */
package org.iotplatform.web.security;
