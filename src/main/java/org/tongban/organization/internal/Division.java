package org.tongban.organization.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;

/** An administrative division (行政区划). Its level and parent follow from its code (GB/T 2260). */
@Entity
@Table(name = "org_division")
public class Division {

    @Id
    private String code;
    private String name;
    @Enumerated(EnumType.STRING)
    private DivisionLevel level;
    @Column(name = "parent_code")
    private String parentCode;
    @Column(name = "full_name")
    private String fullName;
    private boolean sample;

    protected Division() {
    }

    private Division(DivisionCode code, String name, Division parent, boolean sample) {
        this.code = code.value();
        this.name = name;
        this.level = code.level();
        this.parentCode = parent == null ? null : parent.code;
        this.fullName = parent == null ? name : parent.fullName + name;
        this.sample = sample;
    }

    /**
     * A province-level division (省级).
     */
    public static Division province(DivisionCode code, String name) {
        if (code.level() != DivisionLevel.PROVINCE) {
            throw new InvalidValueException("organization.division.parent-mismatch", code.value(), code.value(), "");
        }
        return new Division(code, requireName(name, code), null, false);
    }

    /**
     * A division directly below {@code parent}; the code must say so (its parent code is the parent's code).
     */
    public static Division below(Division parent, DivisionCode code, String name, boolean sample) {
        String expectedParent = code.parent().map(DivisionCode::value).orElse(null);
        if (!parent.code.equals(expectedParent)) {
            throw new InvalidValueException("organization.division.parent-mismatch", code.value(), code.value(),
                    parent.code);
        }
        return new Division(code, requireName(name, code), parent, sample);
    }

    private static String requireName(String name, DivisionCode code) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidValueException("organization.division.name", code.value(), code.value());
        }
        return name.strip();
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public DivisionLevel level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String fullName() {
        return fullName;
    }

    public boolean sample() {
        return sample;
    }
}
