package io.envwatch.district;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose constants travel and are stored by a name of their own (lower case, hyphenated):
 * actions, states, roles, categories. One lookup for all of them, so that a name read from a wire or
 * a store is matched one way everywhere.
 */
public interface WireName {
    String wireName();

    /** The constant of {@code type} named {@code name} on the wire, if any. */
    static <E extends Enum<E> & WireName> Optional<E> lookup(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.wireName().equals(name))
                .findFirst();
    }

    /**
     * The constant a stored event names; a name this version does not know stops the reading of the
     * store, saying what and where, rather than folding a history it cannot understand.
     */
    static <E extends Enum<E> & WireName> E stored(Class<E> type, String name, String where) {
        return lookup(type, name)
                .orElseThrow(() -> new IllegalStateException(
                        "unknown " + type.getSimpleName() + " " + name + " stored at " + where));
    }
}
