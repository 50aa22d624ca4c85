package org.tongban.shared;

/**
 * The five administrative levels, top down. The exercise-level code (行使层级) is what implementation codes carry:
 * 2 province, 3 city, 4 county; 5 township and 6 village are local practice (DOMAIN §2).
 */
public enum DivisionLevel {
    PROVINCE(2), CITY(3), COUNTY(4), TOWNSHIP(5), VILLAGE(6);

    private final int exerciseLevelCode;

    DivisionLevel(int exerciseLevelCode) {
        this.exerciseLevelCode = exerciseLevelCode;
    }

    public int exerciseLevelCode() {
        return exerciseLevelCode;
    }

    /** @throws InvalidValueException {@code shared.division-level.unknown} for any other code */
    public static DivisionLevel ofExerciseLevelCode(int code) {
        for (DivisionLevel level : values()) {
            if (level.exerciseLevelCode == code) {
                return level;
            }
        }
        throw new InvalidValueException("shared.division-level.unknown", String.valueOf(code), String.valueOf(code));
    }
}
