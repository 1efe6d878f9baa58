package io.envwatch.district.language;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something to tell a person, not yet in a language: a catalogue key and its named arguments. An
 * error is thrown as a phrase and answered in the reader's language; its English form is what logs
 * and dead letters keep.
 */
public record Phrase(String key, Map<String, Object> arguments) implements Sayable {

    public Phrase {
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A phrase with its arguments as name-value pairs. */
    public static Phrase of(String key, Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("arguments of " + key + " must come in name-value pairs");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            arguments.put(String.valueOf(nameValuePairs[i]), nameValuePairs[i + 1]);
        }
        return new Phrase(key, arguments);
    }

    /** The name of a term ({@code term("alert.state.", "on-scene")}), its wire name where none is known. */
    public static Sayable term(String prefix, String wireName) {
        return words -> words.term(prefix, wireName);
    }

    @Override
    public String in(Words words) {
        return words.text(key, arguments);
    }

    @Override
    public String in(Language language) {
        return in(Words.of(language));
    }

    /** The English words: what logs and stored reasons keep. */
    @Override
    public String toString() {
        return in(Language.EN);
    }
}
