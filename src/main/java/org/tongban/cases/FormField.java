package org.tongban.cases;

import java.util.List;
import java.util.Locale;

/**
 * One field of an application form (申请表), stored as data with the item version. Labels and help come in Chinese
 * and English because they are data an administrator writes, not message-bundle text.
 *
 * @param key the stable name of the value ({@code applicant.phone})
 * @param prefill where the value comes from when a draft starts: {@code account.name}, {@code company.name},
 *        {@code company.creditCode}, or {@code null}
 * @param maxLength the longest text accepted ({@code 0}: the default of 200)
 */
public record FormField(String key, FieldType type, String label, String labelEn, boolean required, String help,
        String helpEn, List<Choice> choices, String prefill, int maxLength) {

    public static final int DEFAULT_MAX_LENGTH = 200;

    public FormField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** One allowed value of a {@link FieldType#CHOICE} field. */
    public record Choice(String value, String label, String labelEn) {

        public String label(Locale locale) {
            return english(locale) && labelEn != null ? labelEn : label;
        }
    }

    public String label(Locale locale) {
        return english(locale) && labelEn != null ? labelEn : label;
    }

    public String help(Locale locale) {
        return english(locale) && helpEn != null ? helpEn : help;
    }

    public int maxLengthOrDefault() {
        return maxLength > 0 ? maxLength : DEFAULT_MAX_LENGTH;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
