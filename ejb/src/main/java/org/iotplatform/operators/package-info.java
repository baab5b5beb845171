/**
 * Operator accounts: the people and business systems that use the dashboard and the REST API,
 * their roles ({@code admin}, {@code operator}, {@code viewer}) and how they prove who they are.
 */
package org.iotplatform.operators;
