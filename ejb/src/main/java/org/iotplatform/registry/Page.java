package org.iotplatform.registry;

import java.util.List;

/** One page of a longer list. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {}
