package ekc.config;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as people write them ({@code 8-800-100-0-001}, {@code 88001000001},
 * {@code +78001000001}) to E.164, and the caller's region from the number. Thread-safe.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** E.164 ({@code +78001000001}), or empty when the text is not a phone number. */
    public Optional<String> e164(String text) {
        if (text == null || !hasDigit(text)) {
            // libphonenumber refuses text without a digit too, but by throwing (a stack trace for every
            // anonymous or named caller ID, e.g. SIPp's "sipp")
            return Optional.empty();
        }
        try {
            String t = text.strip();
            // Russian trunk prefix "8" before a 10-digit national number, written without +7
            String digits = SEPARATORS.matcher(t).replaceAll("");
            if (digits.length() == 11 && digits.startsWith("8") && digits.chars().allMatch(Character::isDigit)) {
                t = "+7" + digits.substring(1);
            }
            PhoneNumber n = UTIL.parse(t, defaultRegion);
            if (!UTIL.isPossibleNumber(n)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isDigit(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /**
     * The region of Russia a number belongs to, in Russian ({@code Краснодарский край} for +7 861 …),
     * from libphonenumber's geocoder; empty when unknown (mobile numbers mostly are).
     */
    public Optional<String> region(String e164) {
        try {
            PhoneNumber n = UTIL.parse(e164, defaultRegion);
            String where = PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(n, RU);
            if (where == null || where.isBlank() || where.equals("Россия")) {
                return Optional.empty();
            }
            // the geocoder gives "Краснодар, Краснодарский край" for some prefixes: the region is last
            int comma = where.lastIndexOf(',');
            return Optional.of(comma >= 0 ? where.substring(comma + 1).strip() : where.strip());
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
