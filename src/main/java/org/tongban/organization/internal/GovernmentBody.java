package org.tongban.organization.internal;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.tongban.organization.BodyCategory;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.UnifiedSocialCreditCode;

/** A government body that implements service items (实施主体), identified by its unified social credit code. */
@Entity
@Table(name = "org_body")
public class GovernmentBody {

    @Id
    private UUID id;
    @Column(name = "credit_code")
    private String creditCode;
    private String name;
    @Enumerated(EnumType.STRING)
    private BodyCategory category;
    @Enumerated(EnumType.STRING)
    private DivisionLevel level;
    @Column(name = "division_code")
    private String divisionCode;
    private String phone;
    private boolean sample;

    protected GovernmentBody() {
    }

    public GovernmentBody(UnifiedSocialCreditCode creditCode, String name, BodyCategory category, Division division,
            String phone, boolean sample) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("organization.body.name", name);
        }
        this.id = UUID.randomUUID();
        this.creditCode = creditCode.value();
        this.name = name.strip();
        this.category = category;
        this.level = division.level();
        this.divisionCode = division.code();
        this.phone = phone;
        this.sample = sample;
    }

    public UUID id() {
        return id;
    }

    public String creditCode() {
        return creditCode;
    }

    public String name() {
        return name;
    }

    public BodyCategory category() {
        return category;
    }

    public DivisionLevel level() {
        return level;
    }

    public String divisionCode() {
        return divisionCode;
    }

    public String phone() {
        return phone;
    }

    public boolean sample() {
        return sample;
    }
}
