package org.iotplatform.protocol.gateway;

import java.time.Instant;

/**
 * The 200 answer to {@code device-auth}: granted until the token expires, to the device
 * {@code incarnation} (which device of that id; null from a platform that does not say), which
 * revocations name too. A refusal is a 403 with the platform's reason in {@code message}.
 */
public record DeviceAuthGranted(String deviceId, Instant expiresAt, Long incarnation) {}
