/** The operator-facing side: the Vaadin dashboard ({@code ui}), the REST API ({@code api}), security and health. */
package org.iotplatform.web;
