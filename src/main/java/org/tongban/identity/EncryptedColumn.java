package org.tongban.identity;

import java.util.regex.Pattern;

/**
 * A column whose values are sealed with the platform's data key (DOMAIN §8: personal data encrypted at rest). A
 * module that stores such values declares each column as a bean, so that rotating the data key re-encrypts them too.
 *
 * @param table the table
 * @param key the table's primary-key column
 * @param column the column holding sealed values ({@code v<generation>:...}); {@code null} values are skipped
 */
public record EncryptedColumn(String table, String key, String column) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public EncryptedColumn {
        for (String name : new String[] { table, key, column }) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
            }
        }
    }
}
