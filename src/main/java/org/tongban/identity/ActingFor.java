package org.tongban.identity;

import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * The company a signed-in person currently acts for as its authorized agent (经办人), as kept in the session.
 * DOMAIN §8: a legal person acts only through agents its legal representative authorized, within scope and expiry.
 *
 * @param company the legal-person account
 * @param creditCode the company's unified social credit code (GB 32100), carried into ID tokens
 * @param scope what the authorization covers (e.g. {@code apply}, {@code view}); empty means every matter
 * @param expires last day the authorization is valid; {@code null} when the person is the company's legal
 *        representative (法定代表人), who needs no authorization. Re-checked on every request
 *        ({@code AccountStateFilter}): a revoked or expired authorization ends acting for the company at once.
 */
public record ActingFor(UUID company, String companyName, String creditCode, Set<String> scope, LocalDate expires)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
