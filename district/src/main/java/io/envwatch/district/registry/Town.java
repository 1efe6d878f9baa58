package io.envwatch.district.registry;

import java.io.Serializable;

public record Town(String id, String name) implements Serializable {}
