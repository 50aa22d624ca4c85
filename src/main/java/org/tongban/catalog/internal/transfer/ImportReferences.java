package org.tongban.catalog.internal.transfer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tongban.catalog.BasicCode;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * What an import checks against the platform's data: the published basic catalogue and the organization. The
 * validator asks through this, so that it runs without a database in tests; {@link CatalogImportReferences} answers
 * from the repositories and the organization facade.
 */
public interface ImportReferences {

    /** The published version of the basic item with this code, if there is one. */
    Optional<BasicItemReference> publishedBasicItem(BasicCode code);

    /** The government body with this credit code, if the platform knows it. */
    Optional<BodyReference> body(UnifiedSocialCreditCode creditCode);

    /** The division with this code, if the platform holds it. */
    Optional<DivisionReference> division(DivisionCode code);

    /**
     * A published basic item (基本目录事项): what every implementation of it carries unchanged ("同一名称、同一编码").
     *
     * @param levels the exercise levels at which it may be implemented
     */
    record BasicItemReference(BasicCode code, int version, String name, ItemType type, ServiceTarget target,
            List<Theme> themes, List<String> aliases, List<DivisionLevel> levels) {

        public BasicItemReference {
            themes = List.copyOf(themes);
            aliases = List.copyOf(aliases);
            levels = List.copyOf(levels);
        }
    }

    /**
     * A government body (实施主体).
     *
     * @param level the level at which it exercises its powers (行使层级)
     * @param division the division it belongs to
     */
    record BodyReference(UUID id, String name, String creditCode, DivisionLevel level, DivisionCode division) {
    }

    /** A division with its full name (辽宁省沈阳市浑南区). */
    record DivisionReference(DivisionCode code, String fullName) {
    }
}
