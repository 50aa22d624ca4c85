package org.tongban.cases.internal;

import java.lang.reflect.Method;

import org.tongban.catalog.ItemDetail;

/**
 * The real-name assurance level an item requires (DOMAIN §8: each service declares the level it needs). The catalogue
 * is gaining this element in a parallel change; until its accessor exists it is looked up by name, and items that do
 * not declare one need L2 (real name checked against the population data), the level online applications need.
 */
public final class RequiredAssurance {

    public static final int DEFAULT_LEVEL = 2;

    private RequiredAssurance() {
    }

    public static int of(ItemDetail item) {
        for (Object source : new Object[] { item, item.summary(), item.guide() }) {
            for (String name : new String[] { "assuranceLevel", "requiredAssuranceLevel", "requiredLevel" }) {
                try {
                    Method method = source.getClass().getMethod(name);
                    Object value = method.invoke(source);
                    if (value instanceof Number level && level.intValue() >= 1 && level.intValue() <= 4) {
                        return level.intValue();
                    }
                } catch (NoSuchMethodException e) {
                    // not there (yet): try the next name
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read the assurance level of " + item.summary().code(), e);
                }
            }
        }
        return DEFAULT_LEVEL;
    }
}
