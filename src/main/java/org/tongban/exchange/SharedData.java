package org.tongban.exchange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.tongban.exchange.internal.BaseData;
import org.tongban.exchange.internal.Gateway;
import org.tongban.exchange.internal.Resources;
import org.tongban.exchange.internal.Source;
import org.tongban.identity.PersonalData;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Once-only (免提交, DOMAIN §1 promise 1): what an application asks the exchange instead of asking the applicant to
 * upload. A fetch is authorized and logged exactly like a department system's gateway call (channel
 * {@code ONCE_ONLY}): the acting body needs a grant for the resource and purpose unless the resource is shared
 * unconditionally, only granted items are returned, and the applicant sees the fetch in "who looked at my data".
 *
 * <p>Typical use by an application: {@code applicant(accountId)} (or {@code company(creditCode)} when the applicant
 * acts for a company), then {@code usable(body, resource, purpose)} to offer 免提交 for a material, and after the
 * applicant's consent {@code fetch(subject, resource, items, purpose, caseNumber, body, actor)}.
 */
@Service
public class SharedData {

    /**
     * The purpose a case's use of shared data states at acceptance (受理审查: checking the applicant and what the
     * government already holds instead of asking for it). A body uses conditional resources for it under a grant
     * that names this purpose.
     */
    public static final String ACCEPTANCE_REVIEW = "政务服务事项受理审查";

    /**
     * The purpose under which an application form is prefilled with what the government already holds about the
     * applicant (免填写, once-only): the fetch is logged like any other, and the person sees it.
     */
    public static final String APPLICATION_PREFILL = "政务服务事项申请表预填";

    /**
     * The purpose under which an application obtains a material the government already holds (a certificate, or
     * identity data instead of an ID-card copy) with the applicant's consent, so that it is never uploaded
     * (免提交, 国务院令第716号 Art. 11).
     */
    public static final String APPLICATION_MATERIALS = "政务服务事项申请材料免提交";

    /** The population resource (人口基本信息) of the resource catalogue. */
    public static final String POPULATION = "101001-00001";

    /** The legal-person resource (法人基本信息) of the resource catalogue. */
    public static final String LEGAL_PERSON = "102001-00001";

    private final Gateway gateway;
    private final Resources resources;
    private final BaseData baseData;
    private final PersonalData protection;
    private final Organization organization;

    SharedData(Gateway gateway, Resources resources, BaseData baseData, PersonalData protection,
            Organization organization) {
        this.gateway = gateway;
        this.resources = resources;
        this.baseData = baseData;
        this.protection = protection;
        this.organization = organization;
    }

    /** A person by ID number. @throws org.tongban.shared.InvalidValueException when it is not a valid number */
    public DataSubject person(String idNumber) {
        CitizenIdNumber id = CitizenIdNumber.of(idNumber);
        return new DataSubject(SubjectType.PERSON, protection.residentIdHash(id), id.masked(), id.value());
    }

    /** A company by credit code. @throws org.tongban.shared.InvalidValueException when it is not a valid code */
    public DataSubject company(String creditCode) {
        UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of(creditCode);
        return new DataSubject(SubjectType.COMPANY, code.value(), code.value(), code.value());
    }

    /** The person holding an account, when the account has a resident ID number and the population data knows it. */
    public Optional<DataSubject> applicant(UUID accountId) {
        return protection.residentIdHashOf(accountId).flatMap(hash -> baseData.maskedIdNumber(hash)
                .map(masked -> new DataSubject(SubjectType.PERSON, hash, masked)));
    }

    /**
     * The legal representative (法定代表人) of a company, as the legal-person base data names them, when the population
     * data knows that person: whose identity a company's application presents (an ID card of the legal
     * representative), whoever the agent filing it is.
     */
    public Optional<DataSubject> legalRepresentative(String creditCode) {
        UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of(creditCode);
        return baseData.legalRepresentative(code.value())
                .map(found -> new DataSubject(SubjectType.PERSON, found[0], found[1]));
    }

    /**
     * Whom a resource is about (persons or companies), so that an application knows whose data to ask for; empty for
     * an unknown resource or one about both (credit lists).
     */
    public Optional<SubjectType> subjectType(String resourceCode) {
        return resources.find(resourceCode).flatMap(r -> r.source() == Source.CERTIFICATES
                ? baseData.certificateLibrary().flatMap(l -> l.holderType(r.relatedCodes()))
                : Optional.ofNullable(r.source().subjectType()));
    }

    /** Whether the body may fetch the resource for the purpose (to offer 免提交 before asking for consent). */
    public boolean usable(UUID bodyId, String resourceCode, String purpose) {
        return gateway.usable(bodyId, resourceCode, purpose);
    }

    /**
     * Fetches the granted items of a resource about the subject, for a case, and logs the exchange.
     *
     * @param items the items wanted; empty for every granted item
     * @param actor who causes the fetch, e.g. {@code "case:<number>"} or the applicant's account
     * @throws ExchangeRefusedException no grant for this body, resource and purpose (the caller falls back to upload)
     * @throws org.tongban.shared.NotFoundException the resource, or the subject in the base data, is unknown
     */
    public SharedRecord fetch(DataSubject subject, String resourceCode, List<String> items, String purpose,
            String caseReference, UUID actingBody, String actor) {
        BodySummary body = organization.body(actingBody);
        return gateway.serve(new Gateway.Consumer(body.id(), body.name(), actor, "ONCE_ONLY"), resourceCode, subject,
                items, purpose, caseReference);
    }
}
