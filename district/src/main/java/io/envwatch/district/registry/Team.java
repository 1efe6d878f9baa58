package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;

/** An enforcement team and the towns it answers for. */
public record Team(String id, String name, List<String> towns) implements Serializable {}
