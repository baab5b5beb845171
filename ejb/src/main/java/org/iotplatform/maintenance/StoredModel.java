package org.iotplatform.maintenance;

import java.time.Instant;

/** A model as kept: its definition and who made it when. */
public record StoredModel(long id, ModelDefinition definition, Instant createdAt, String createdBy) {}
