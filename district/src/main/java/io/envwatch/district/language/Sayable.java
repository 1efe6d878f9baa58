package io.envwatch.district.language;

/** Words not yet in a language: a phrase, or a term's name. */
@FunctionalInterface
public interface Sayable {
    String in(Words words);

    default String in(Language language) {
        return in(Words.of(language));
    }
}
