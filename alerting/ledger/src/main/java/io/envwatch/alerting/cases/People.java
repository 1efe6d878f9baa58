package io.envwatch.alerting.cases;

import io.envwatch.district.InvalidField;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a case concerns, as the ledger registers it (台账: 涉及人数, 重点人员, 发展趋势研判): how many
 * people are involved, the key persons, and a forecast of how it may develop. Key persons are
 * pseudonymous references only ({@code KP-} and 4 to 16 capitals or digits, as the town's own
 * register numbers them): the ledger is stored in InfluxDB, where no name or contact may go (the
 * complainants' rule, docs/privacy.md), so a name, a phone number or an e-mail address is refused.
 */
public record People(long involved, List<String> keyPersons, String forecast) {
    public static final Pattern KEY_PERSON = Pattern.compile("KP-[A-Z0-9]{4,16}");
    public static final int MAX_KEY_PERSONS = 50;
    public static final int MAX_FORECAST_CHARS = 500;
    public static final long MAX_INVOLVED = 1_000_000;
    public static final People NONE = new People(0, List.of(), null);

    public People {
        keyPersons = List.copyOf(keyPersons);
    }

    /**
     * Checks what staff gave.
     *
     * @throws InvalidField naming the field: a count out of range, a key person given as anything
     *     but a reference, too many of them, a forecast too long
     */
    public static People of(long involved, List<String> keyPersons, String forecast) {
        if (involved < 0 || involved > MAX_INVOLVED) {
            throw new InvalidField("peopleInvolved", "error.whole-number", "min", 0, "max", MAX_INVOLVED);
        }
        if (keyPersons.size() > MAX_KEY_PERSONS) {
            throw new InvalidField("keyPersons", "error.case.key-persons-many", "max", MAX_KEY_PERSONS);
        }
        for (String k : keyPersons) {
            if (k == null || !KEY_PERSON.matcher(k).matches()) {
                throw new InvalidField("keyPersons", "error.case.key-person", "example", "KP-7F3A21");
            }
        }
        if (keyPersons.stream().distinct().count() != keyPersons.size()) {
            throw new InvalidField("keyPersons", "error.case.key-person-twice");
        }
        String f = forecast == null || forecast.isBlank() ? null : forecast.strip();
        if (f != null && f.length() > MAX_FORECAST_CHARS) {
            throw new InvalidField("forecast", "error.too-long", "max", MAX_FORECAST_CHARS);
        }
        return new People(involved, keyPersons, f);
    }
}
