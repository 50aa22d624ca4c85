package org.tongban.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.AccountLookup;
import org.tongban.identity.internal.IdentityAudit;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Legal persons (法人) and their authorized agents (经办人). DOMAIN §8: a company acts only through real-name natural
 * persons: its legal representative (法定代表人), who claims the company after the legal-person base data confirms
 * them, and the agents that representative authorizes for every matter or for named matters until an expiry date,
 * revocable at any time. Every grant, revocation and claim is audited.
 */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(AgentProperties.class)
public class LegalPersons {

    /** Dates of authorizations are civil dates in China. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Real-name level a legal representative and an agent need (DOMAIN §8: L2, checked against base data). */
    static final int REAL_NAME_LEVEL = 2;
    private static final String MATTER = "[0-9A-Za-z][0-9A-Za-z._-]{0,63}";

    /** What the legal representative asks for when authorizing an agent. */
    public record Grant(String agent, Set<String> scope, LocalDate expires) {
    }

    private final JdbcTemplate jdbc;
    private final AccountLookup lookup;
    private final IdentityAudit audit;
    private final AgentProperties properties;
    private final Clock clock;

    LegalPersons(JdbcTemplate jdbc, AccountLookup lookup, IdentityAudit audit, AgentProperties properties) {
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.audit = audit;
        this.properties = properties;
        this.clock = Clock.system(CHINA);
    }

    /**
     * A real-name (L2+) person claims the company whose legal representative the register names them as. When the
     * register names a new representative for a company claimed before, the company passes to them and every agent
     * authorization of the former one ends.
     *
     * @throws InvalidFieldException {@code creditCode} is not a valid GB 32100 code
     * @throws NotFoundException {@code identity.company.not-registered} when the register does not know the code
     * @throws NotPermittedException {@code identity.company.real-name-required} below L2, or
     *         {@code identity.company.not-legal-representative} when the register names someone else
     */
    @Transactional
    public CompanyView claim(UUID accountId, String creditCodeText) {
        UnifiedSocialCreditCode code = InvalidFieldException.parse("creditCode",
                () -> UnifiedSocialCreditCode.of(creditCodeText));
        var registered = jdbc.query("select name, legal_rep_name, legal_rep_id_number_hash from "
                + "identity_enterprise_register where credit_code = ?", (rs, i) -> new String[] { rs.getString(1),
                        rs.getString(2), rs.getString(3) }, code.value()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.company.not-registered", code.value()));
        var person = person(accountId);
        if (person.level() < REAL_NAME_LEVEL) {
            throw new NotPermittedException("identity.company.real-name-required");
        }
        // The register names the representative by name and ID number; both must be this person's (DOMAIN §8).
        if (!person.idNumberHash().equals(registered[2])
                || !RealNameVerification.normalizeName(person.name()).equals(registered[1])) {
            throw new NotPermittedException("identity.company.not-legal-representative");
        }
        Optional<UUID[]> existing = jdbc.query("select id, legal_rep_account_id from identity_company "
                + "where credit_code = ? for update", (rs, i) -> new UUID[] { rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class) }, code.value()).stream().findFirst();
        UUID id;
        if (existing.isPresent()) {
            id = existing.get()[0];
            // A change of legal representative in the register hands the company to the new one.
            jdbc.update("update identity_company set name = ?, legal_rep_account_id = ?, version = version + 1 "
                    + "where id = ?", registered[0], accountId, id);
            if (!accountId.equals(existing.get()[1])) {
                revokeFormerGrants(accountId, id);
            }
        } else {
            id = UUID.randomUUID();
            jdbc.update("insert into identity_company (id, credit_code, name, legal_rep_account_id) values (?, ?, ?, ?)",
                    id, code.value(), registered[0], accountId);
        }
        audit.record(accountId, IdentityAudit.Action.COMPANY_CLAIMED, "company", id, code.value());
        return new CompanyView(id, code.value(), registered[0], true, Set.of(), null);
    }

    /**
     * The agents were authorized by the former legal representative, whose authority over the company ended with
     * the change in the register: their authorizations end now (sessions acting under them lose the company on their
     * next request), each revocation audited; the new representative authorizes whom they choose.
     */
    private void revokeFormerGrants(UUID newRepresentative, UUID companyId) {
        List<UUID[]> revoked = jdbc.query("update identity_agent_authorization set revoked_at = now(), revoked_by = ? "
                + "where company_id = ? and revoked_at is null returning id, agent_account_id",
                (rs, i) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) },
                newRepresentative, companyId);
        for (UUID[] r : revoked) {
            audit.record(newRepresentative, IdentityAudit.Action.AGENT_REVOKED, "company", companyId,
                    "authorization=" + r[0] + " agent=" + r[1] + " reason=legal-representative-changed");
        }
    }

    /** The companies this person may act for today: as legal representative or as an agent. */
    public List<CompanyView> companiesOf(UUID accountId) {
        List<CompanyView> own = jdbc.query("select id, credit_code, name from identity_company "
                + "where legal_rep_account_id = ? order by name", (rs, i) -> new CompanyView(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), true, Set.of(), null), accountId);
        List<CompanyView> agentOf = jdbc.query("select c.id, c.credit_code, c.name, a.scope, a.expires "
                + "from identity_agent_authorization a join identity_company c on c.id = a.company_id "
                + "where a.agent_account_id = ? and a.revoked_at is null and a.expires >= ? "
                + "and c.legal_rep_account_id <> a.agent_account_id order by c.name",
                (rs, i) -> new CompanyView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), false,
                        scope(rs.getString(4)), rs.getObject(5, LocalDate.class)), accountId, today());
        return java.util.stream.Stream.concat(own.stream(), agentOf.stream()).toList();
    }

    /**
     * Whether this person may act for the company today in the given matter: as its legal representative, or
     * under an authorization that is neither revoked nor expired and covers the matter.
     *
     * @param matter the matter (e.g. an implementation-item code); {@code null} asks whether they may act for the
     *        company at all (e.g. to see its applications)
     */
    public boolean mayActFor(UUID accountId, UUID companyId, String matter) {
        return actingFor(accountId, companyId)
                .map(a -> matter == null || a.scope().isEmpty() || a.scope().contains(matter)).orElse(false);
    }

    /** What a session acting for the company holds, if this person may act for it today. */
    public Optional<ActingFor> actingFor(UUID accountId, UUID companyId) {
        return companiesOf(accountId).stream().filter(c -> c.id().equals(companyId)).findFirst()
                .map(c -> new ActingFor(c.id(), c.name(), c.creditCode(), c.scope(), c.expires()));
    }

    /**
     * Switches whom the person acts for (audited): the company, or themself when {@code companyId} is {@code null}.
     *
     * @return what the session should hold from now on
     * @throws NotPermittedException {@code identity.company.cannot-act} when they may not act for that company today
     */
    @Transactional
    public Optional<ActingFor> switchTo(UUID accountId, UUID companyId, ActingFor before) {
        if (companyId == null) {
            if (before != null) {
                audit.record(accountId, IdentityAudit.Action.ACTING_FOR_ENDED, "company", before.company(), null);
            }
            return Optional.empty();
        }
        ActingFor now = actingFor(accountId, companyId)
                .orElseThrow(() -> new NotPermittedException("identity.company.cannot-act"));
        audit.record(accountId, IdentityAudit.Action.ACTING_FOR_STARTED, "company", companyId,
                before == null ? null : "from company=" + before.company());
        return Optional.of(now);
    }

    /** The company's audit trail (claims, grants, revocations, switches), newest first: for its legal representative. */
    public List<IdentityAudit.Entry> trail(UUID actor, UUID companyId, int limit) {
        requireLegalRepresentative(actor, companyId);
        return audit.about("company", companyId, limit);
    }

    /**
     * The company's agent authorizations, newest first; only its legal representative may see them.
     *
     * @throws NotFoundException {@code identity.company.not-found}
     * @throws NotPermittedException {@code identity.company.not-yours}
     */
    public List<AgentView> agents(UUID actor, UUID companyId) {
        requireLegalRepresentative(actor, companyId);
        return jdbc.query("select a.id, a.agent_account_id, p.name, p.id_number_masked, p.phone_masked, a.scope, "
                + "a.expires, a.granted_at, a.revoked_at from identity_agent_authorization a "
                + "join identity_account p on p.id = a.agent_account_id where a.company_id = ? "
                + "order by (a.revoked_at is null) desc, a.granted_at desc", this::agentView, companyId);
    }

    /**
     * The legal representative authorizes a real-name person, named by mobile or ID number, as an agent. A
     * standing authorization of the same person is replaced.
     *
     * @throws InvalidFieldException {@code agent} (unknown, not real-name, not a person, oneself), {@code scope},
     *         {@code expires} (past or beyond {@code tongban.identity.agents.max-validity})
     */
    @Transactional
    public AgentView authorize(UUID actor, UUID companyId, Grant grant) {
        requireLegalRepresentative(actor, companyId);
        Account agent = lookup.byPhoneOrIdNumber(grant.agent()).orElseThrow(() -> new InvalidFieldException("agent",
                new InvalidValueException("identity.agent.unknown", grant.agent())));
        if (agent.kind() != Account.Kind.PERSON || !agent.active()) {
            throw new InvalidFieldException("agent", new InvalidValueException("identity.agent.not-a-person", null));
        }
        if (agent.id().equals(actor)) {
            throw new InvalidFieldException("agent", new InvalidValueException("identity.agent.self", null));
        }
        if (agent.assuranceLevel() < REAL_NAME_LEVEL) {
            throw new InvalidFieldException("agent", new InvalidValueException("identity.agent.real-name-required", null));
        }
        Set<String> scope = grant.scope() == null ? Set.of() : grant.scope();
        for (String matter : scope) {
            if (!matter.matches(MATTER)) {
                throw new InvalidFieldException("scope", new InvalidValueException("identity.agent.scope-format", matter, matter));
            }
        }
        if (scope.size() > 50) {
            throw new InvalidFieldException("scope", new InvalidValueException("identity.agent.scope-size", null, 50));
        }
        LocalDate today = today();
        LocalDate latest = today.plus(properties.maxValidity());
        if (grant.expires() == null || grant.expires().isBefore(today)) {
            throw new InvalidFieldException("expires", new InvalidValueException("identity.agent.expiry-past",
                    String.valueOf(grant.expires())));
        }
        if (grant.expires().isAfter(latest)) {
            throw new InvalidFieldException("expires", new InvalidValueException("identity.agent.expiry-too-far",
                    grant.expires().toString(), latest.toString()));
        }
        jdbc.update("update identity_agent_authorization set revoked_at = now(), revoked_by = ? "
                + "where company_id = ? and agent_account_id = ? and revoked_at is null", actor, companyId, agent.id());
        UUID id = UUID.randomUUID();
        String scopeText = String.join(",", scope);
        jdbc.update("insert into identity_agent_authorization (id, company_id, agent_account_id, scope, expires, "
                + "granted_by) values (?, ?, ?, ?, ?, ?)", id, companyId, agent.id(), scopeText, grant.expires(), actor);
        audit.record(actor, IdentityAudit.Action.AGENT_AUTHORIZED, "company", companyId,
                "authorization=" + id + " agent=" + agent.id() + " scope=" + (scopeText.isEmpty() ? "*" : scopeText)
                        + " expires=" + grant.expires());
        return agent(companyId, id);
    }

    /**
     * Revokes an authorization at once: sessions acting under it lose it on their next request.
     *
     * @throws NotFoundException {@code identity.agent.authorization-not-found}
     */
    @Transactional
    public AgentView revoke(UUID actor, UUID companyId, UUID authorizationId) {
        requireLegalRepresentative(actor, companyId);
        int changed = jdbc.update("update identity_agent_authorization set revoked_at = now(), revoked_by = ? "
                + "where id = ? and company_id = ? and revoked_at is null", actor, authorizationId, companyId);
        AgentView view = agent(companyId, authorizationId);
        if (changed > 0) {
            audit.record(actor, IdentityAudit.Action.AGENT_REVOKED, "company", companyId,
                    "authorization=" + authorizationId + " agent=" + view.agentAccount());
        }
        return view;
    }

    /** Parses the matters a person typed, one per line or separated by commas; blank means every matter. */
    public static Set<String> parseScope(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split("[,，;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private AgentView agent(UUID companyId, UUID authorizationId) {
        return jdbc.query("select a.id, a.agent_account_id, p.name, p.id_number_masked, p.phone_masked, a.scope, "
                + "a.expires, a.granted_at, a.revoked_at from identity_agent_authorization a "
                + "join identity_account p on p.id = a.agent_account_id where a.id = ? and a.company_id = ?",
                this::agentView, authorizationId, companyId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.agent.authorization-not-found", authorizationId));
    }

    private AgentView agentView(ResultSet rs, int row) throws SQLException {
        LocalDate expires = rs.getObject(7, LocalDate.class);
        Timestamp revoked = rs.getTimestamp(9);
        AgentView.Status status = revoked != null ? AgentView.Status.REVOKED
                : expires.isBefore(today()) ? AgentView.Status.EXPIRED : AgentView.Status.ACTIVE;
        return new AgentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5), scope(rs.getString(6)), expires, rs.getTimestamp(8).toInstant(),
                revoked == null ? null : revoked.toInstant(), status);
    }

    /** The company, if this person is its legal representative. */
    public CompanyView company(UUID actor, UUID companyId) {
        return requireLegalRepresentative(actor, companyId);
    }

    private CompanyView requireLegalRepresentative(UUID actor, UUID companyId) {
        var company = jdbc.query("select id, credit_code, name, legal_rep_account_id from identity_company where id = ?",
                (rs, i) -> new Object[] { new CompanyView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        true, Set.of(), null), rs.getObject(4, UUID.class) }, companyId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.company.not-found", companyId));
        if (!actor.equals(company[1])) {
            throw new NotPermittedException("identity.company.not-yours");
        }
        return (CompanyView) company[0];
    }

    private record Person(String name, String idNumberHash, int level) {
    }

    private Person person(UUID accountId) {
        return jdbc.query("select name, id_number_hash, assurance_level from identity_account where id = ? "
                + "and kind = 'PERSON' and status = 'ACTIVE'", (rs, i) -> new Person(rs.getString(1), rs.getString(2),
                        rs.getInt(3)), accountId).stream().findFirst()
                .orElseThrow(() -> new NotPermittedException("identity.company.real-name-required"));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Set<String> scope(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
