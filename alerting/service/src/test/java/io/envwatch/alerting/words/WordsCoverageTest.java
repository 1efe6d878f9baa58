package io.envwatch.alerting.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertAction;
import io.envwatch.alerting.alerts.AlertState;
import io.envwatch.alerting.alerts.Command;
import io.envwatch.alerting.cases.CaseAction;
import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.cases.CaseState;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.tips.TipAction;
import io.envwatch.alerting.tips.TipState;
import io.envwatch.district.WireName;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every word the service may say has its words in every language: each term of its states,
 * actions, roles and codes, and each catalogue key the code names.
 */
class WordsCoverageTest {
    /**
     * A key as code writes it: a string literal under one of the catalogue's roots ("alert.opened"
     * is an event's name, not a key: terms are checked by their types above).
     */
    private static final Pattern KEY = Pattern.compile(
            "\"((?:error|refused|limit|notify|interval|rating|alert\\.kind|alert\\.summary)\\.[A-Za-z0-9_.-]+)\"");

    @Test
    void everyTermOfTheBooksHasWordsInEveryLanguage() {
        List<String> keys = new ArrayList<>();
        terms(keys, "alert.state.", AlertState.values());
        terms(keys, "alert.action.", AlertAction.values());
        terms(keys, "case.state.", CaseState.values());
        terms(keys, "case.action.", CaseAction.values());
        terms(keys, "tip.state.", TipState.values());
        terms(keys, "tip.action.", TipAction.values());
        terms(keys, "staff.role.", Role.values());
        Command.RESOLUTION_CODES.forEach(code -> keys.add("alert.resolution." + code));
        CaseSettings.LEVEL_NAMES.forEach(level -> keys.add("case.level." + level));
        keys.add("alert.deadline." + Alert.Deadline.ACKNOWLEDGE);
        keys.add("alert.deadline." + Alert.Deadline.ON_SCENE);
        keys.add("notify.deadline." + Alert.Deadline.ACKNOWLEDGE);
        keys.add("notify.deadline." + Alert.Deadline.ON_SCENE);
        for (String severity : List.of("LOW", "MEDIUM", "HIGH", "CRITICAL")) {
            keys.add("alert.severity." + severity);
        }
        for (Language language : Language.values()) {
            Words words = Words.of(language);
            assertThat(keys).as(language.tag()).allMatch(words::has);
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheCatalogue() throws IOException {
        Path repository = Path.of("../..").toRealPath();
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .forEach(p -> named.addAll(keysIn(p)));
        }
        assertThat(named).as("keys found in the code").hasSizeGreaterThan(80);
        Words english = Words.of(Language.EN);
        for (String key : named) {
            if (key.endsWith(".")) {
                // A prefix the code completes (a step, a wire name): some key must complete it.
                assertThat(Words.catalogue(Language.EN).keySet())
                        .as("a key completing " + key)
                        .anyMatch(k -> k.startsWith(key));
            } else {
                assertThat(english.has(key)).as(key).isTrue();
            }
        }
    }

    private static List<String> keysIn(Path file) {
        try {
            Matcher m = KEY.matcher(Files.readString(file));
            List<String> keys = new ArrayList<>();
            while (m.find()) {
                keys.add(m.group(1));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void terms(List<String> keys, String prefix, WireName[] values) {
        Arrays.stream(values).forEach(v -> keys.add(prefix + v.wireName()));
    }
}
