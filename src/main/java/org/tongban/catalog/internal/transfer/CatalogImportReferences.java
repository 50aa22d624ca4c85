package org.tongban.catalog.internal.transfer;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * The import's references answered from the basic catalogue and the organization module's facade. Deliberately not
 * transactional: {@link Organization#body(UnifiedSocialCreditCode)} answers an unknown body with an exception, which
 * inside a surrounding transaction would mark it rollback-only.
 */
@Component
public class CatalogImportReferences implements ImportReferences {

    private final BasicItems basicItems;
    private final Organization organization;

    CatalogImportReferences(BasicItems basicItems, Organization organization) {
        this.basicItems = basicItems;
        this.organization = organization;
    }

    @Override
    public Optional<BasicItemReference> publishedBasicItem(BasicCode code) {
        return basicItems.findPublished(code.value()).map(basic -> new BasicItemReference(basic.code(),
                basic.version(), basic.name(), basic.itemType(), basic.target(), basic.themes(), basic.aliases(),
                basic.levels()));
    }

    @Override
    public Optional<BodyReference> body(UnifiedSocialCreditCode creditCode) {
        try {
            BodySummary body = organization.body(creditCode);
            return Optional.of(new BodyReference(body.id(), body.name(), body.creditCode(), body.level(),
                    DivisionCode.of(body.divisionCode())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<DivisionReference> division(DivisionCode code) {
        return organization.findDivision(code).map(d -> new DivisionReference(DivisionCode.of(d.code()), d.fullName()));
    }
}
