package org.iotplatform.web.api;

/** The body of every error answer: a stable code and a message safe to show. */
public record ApiError(String error, String message) {}
