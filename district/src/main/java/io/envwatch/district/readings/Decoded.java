package io.envwatch.district.readings;

import java.util.List;

/** What one MQTT message became: the readings that passed and the dead letters that did not. */
public record Decoded(List<Reading> readings, List<DeadLetter> deadLetters) {}
