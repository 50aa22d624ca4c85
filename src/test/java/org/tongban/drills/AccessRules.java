package org.tongban.drills;

import static org.tongban.identity.StaffRole.APPROVER;
import static org.tongban.identity.StaffRole.CATALOG_ADMIN;
import static org.tongban.identity.StaffRole.REVIEWER;
import static org.tongban.identity.StaffRole.SUPERVISOR;
import static org.tongban.identity.StaffRole.SYSTEM_ADMIN;
import static org.tongban.identity.StaffRole.WINDOW_OFFICER;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.tongban.identity.StaffRole;

/**
 * Who may call what: the explicit expectation table of the authorization drill (issue 10). Every endpoint Spring
 * maps must have a rule here, so a new endpoint nobody classified fails the drill.
 *
 * <p>Citizens: {@code A} owns the drill's resources (applications, materials, certificates and their use
 * authorizations, ratings, complaints, a company with an agent grant), {@code B} is another citizen. Staff: one account
 * per role in the body the resources belong to ({@link Place#MARKET}: 浑南区市场监督管理局, or {@link Place#HR} for the
 * social security card), and, for rules with a data scope, the same roles in a body of another city (大连) that must
 * not see them.
 */
final class AccessRules {

    /** What citizens may do. */
    enum Citizens {
        /** Everybody, also without signing in. */
        PUBLIC,
        /** Any signed-in person, each for themself (A and B alike); anonymous callers are refused. */
        SELF,
        /** Only A, the owner of the resource in the path; B and anonymous callers are refused. */
        OWNER,
        /** No citizen. */
        NONE
    }

    /** Where the staff account of a rule works. */
    enum Place {
        MARKET, HR, FAR, PROVINCE
    }

    static final class Rule {
        final String key;
        Citizens citizens = Citizens.NONE;
        Set<StaffRole> staff = EnumSet.noneOf(StaffRole.class);
        /** Staff are not checked for allow/deny (pages of one's own account), only for answering without a 5xx. */
        boolean staffUnchecked;
        Place home = Place.MARKET;
        /** The resource belongs to a body or division: the allowed roles in another city's body are refused. */
        boolean scoped;
        /** Changes state the rest of the suite relies on (signing keys, demo accounts): only refusals are exercised. */
        boolean denyOnly;
        /** Not an endpoint of its own (error dispatch targets). */
        boolean internal;
        /** An allowed read may still reject the drill's made-up input with a 4xx (it only must not be a refusal). */
        boolean lenient;

        Rule(String key) {
            this.key = key;
        }

        Rule staff(StaffRole... roles) {
            staff = roles.length == 0 ? EnumSet.noneOf(StaffRole.class) : EnumSet.of(roles[0], roles);
            return this;
        }

        Rule allStaff() {
            staff = EnumSet.allOf(StaffRole.class);
            return this;
        }

        Rule at(Place place) {
            home = place;
            return this;
        }

        Rule scoped() {
            scoped = true;
            return this;
        }

        Rule lenient() {
            lenient = true;
            return this;
        }

        Rule denyOnly() {
            denyOnly = true;
            return this;
        }

        @Override
        public String toString() {
            return key + " citizens=" + citizens + " staff=" + (staffUnchecked ? "unchecked" : staff)
                    + (scoped ? " scoped" : "") + (denyOnly ? " deny-only" : "");
        }
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    Rule rule(String key) {
        return rules.get(key);
    }

    Map<String, Rule> all() {
        return rules;
    }

    private Rule add(Citizens citizens, String key) {
        Rule rule = new Rule(key);
        rule.citizens = citizens;
        if (rules.put(key, rule) != null) {
            throw new IllegalStateException("classified twice: " + key);
        }
        return rule;
    }

    /** Open to everybody: the portal, the guides, public APIs, sign-in and registration. */
    private void open(String... keys) {
        for (String key : keys) {
            add(Citizens.PUBLIC, key).allStaff();
        }
    }

    /** A signed-in person's own account pages: no resource of another person in the path. */
    private void self(String... keys) {
        for (String key : keys) {
            add(Citizens.SELF, key).staffUnchecked = true;
        }
    }

    /** A citizen's resource in the path: only its owner. */
    private Rule owner(String key) {
        return add(Citizens.OWNER, key);
    }

    private Rule staff(String key, StaffRole... roles) {
        return add(Citizens.NONE, key).staff(roles);
    }

    AccessRules() {
        // Error dispatch targets.
        add(Citizens.PUBLIC, "ANY /error").internal = true;
        add(Citizens.PUBLIC, "ANY /signin/failed").internal = true;

        open("GET /", "GET /api-docs", "GET /v3/api-docs", "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config",
                "GET /api/v1/bodies", "GET /api/v1/bodies/{id}", "GET /api/v1/bodies/{id}/halls",
                "GET /api/v1/bodies/credit-code/{creditCode}", "GET /api/v1/halls",
                "GET /api/v1/calendar/{year}", "GET /api/v1/calendar/working-days",
                "GET /api/v1/calendar/working-days/between",
                "GET /api/v1/catalog/basic-items", "GET /api/v1/catalog/basic-items/{code}",
                "GET /api/v1/catalog/items", "GET /api/v1/catalog/items/{code}",
                "GET /api/v1/catalog/items/{code}/deviations", "GET /api/v1/catalog/items/{code}/versions/{version}",
                "GET /api/v1/catalog/suggestions", "GET /api/v1/catalog/themes", "GET /api/v1/catalog/once-only",
                "GET /api/v1/cases/items/{code}/form",
                "GET /api/v1/certificates/root-ca.pem", "GET /api/v1/certificates/types",
                "GET /api/v1/certificates/verification", "POST /api/v1/certificates/verification",
                "POST /api/v1/certificates/verifications",
                "GET /api/v1/divisions", "GET /api/v1/divisions/{code}", "GET /api/v1/divisions/{code}/children",
                "GET /api/v1/divisions/{code}/lineage",
                "POST /api/v1/identifiers/check", "POST /api/v1/identity/sign-in-codes",
                "GET /bodies/{id}", "GET /catalog/attachments/{id}/{name}",
                "GET /certificates/verify", "POST /certificates/verify",
                "GET /dev/sms", "GET /divisions/picker", "GET /divisions/{code}", "POST /division",
                "GET /identifiers", "POST /identifiers",
                "GET /items", "GET /items/suggestions", "GET /items/{code}", "GET /items/{code}/qr.svg",
                "GET /once-only",
                "GET /register", "POST /register", "GET /search",
                "GET /signin", "GET /signin/sms", "POST /signin/sms", "POST /signin/sms/code");

        // A person's own account: A and B each see their own.
        self("GET /account", "GET /account/assurance", "POST /account/assurance/certificate/challenge",
                "POST /account/assurance/certificate", "POST /account/assurance/online",
                "POST /account/assurance/phone/code", "POST /account/assurance/phone", "GET /account/cases",
                "GET /account/certificates", "GET /account/companies", "POST /account/companies",
                "GET /account/consent", "GET /account/data-access", "GET /account/messages",
                "POST /account/verification", "POST /account/sessions/end-all",
                "GET /api/v1/cases/applications", "POST /api/v1/cases/applications",
                "GET /api/v1/certificates/mine", "GET /api/v1/exchange/access-log/mine",
                "GET /api/v1/identity/acting-for",
                "GET /api/v1/identity/assurance", "GET /api/v1/identity/companies",
                "GET /account/materials", "GET /api/v1/cases/library",
                "POST /api/v1/identity/companies", "GET /apply/{code}", "POST /apply/{code}");
        // Made-up input the drill cannot make right: an OAuth client's consent, a certificate identifier, a type.
        rules.get("GET /account/consent").lenient();
        rules.get("GET /api/v1/certificates/verification").lenient();
        // Changing one's password is for staff given a one-time password; persons have a page of their own.
        self("GET /account/password", "POST /account/password");

        // A's applications, materials, messages, ratings and complaints.
        for (String key : new String[] { "GET /account/cases/{id}", "GET /account/cases/{id}/edit",
                "GET /account/cases/{id}/materials/{material}", "GET /account/cases/{id}/rating",
                "GET /account/cases/{id}/complaints", "POST /account/cases/{id}",
                "POST /account/cases/{id}/autosave", "POST /account/cases/{id}/submit",
                "POST /account/cases/{id}/materials/{index}", "POST /account/cases/{id}/materials/{index}/delete",
                "POST /account/cases/{id}/rating", "POST /account/cases/{id}/complaints",
                "POST /account/cases/{id}/withdraw", "POST /account/cases/{id}/delete",
                "GET /api/v1/cases/applications/{id}", "GET /api/v1/cases/applications/{id}/progress",
                "PUT /api/v1/cases/applications/{id}/values", "POST /api/v1/cases/applications/{id}/materials/{index}",
                "POST /api/v1/cases/applications/{id}/submission", "POST /api/v1/cases/applications/{id}/withdrawal",
                "DELETE /api/v1/cases/applications/{id}", "POST /api/v1/evaluation/cases/{id}/ratings",
                "POST /api/v1/supervision/cases/{id}/complaints",
                "POST /account/cases/{id}/materials/{index}/shared/{action}",
                "GET /api/v1/cases/applications/{id}/shared-materials",
                "POST /api/v1/cases/applications/{id}/materials/{index}/shared",
                "POST /api/v1/cases/applications/{id}/materials/{index}/shared/consent",
                "DELETE /api/v1/cases/applications/{id}/materials/{index}/shared",
                "POST /account/cases/{id}/delivery", "GET /api/v1/cases/applications/{id}/delivery",
                "PUT /api/v1/cases/applications/{id}/delivery",
                "POST /account/cases/{id}/materials/{index}/library",
                "GET /api/v1/cases/applications/{id}/library-offers",
                "POST /api/v1/cases/applications/{id}/materials/{index}/library" }) {
            owner(key);
        }
        // The images of a material slot: reordered and removed one by one by the applicant, combined into one PDF
        // (only for a slot with several images: the drill's draft has one file, so an allowed read may be 404).
        for (String key : new String[] { "POST /account/cases/{id}/materials/{index}/files/{material}/move",
                "POST /account/cases/{id}/materials/{index}/files/{material}/delete",
                "PUT /api/v1/cases/applications/{id}/materials/{index}/order",
                "DELETE /api/v1/cases/applications/{id}/materials/{index}/files/{material}" }) {
            owner(key);
        }
        owner("GET /account/cases/{id}/slots/{index}/combined").lenient();
        staff("GET /workbench/cases/{id}/slots/{index}/combined", WINDOW_OFFICER).scoped().lenient();
        // A's material library (我的材料): an entry kept from A's submitted application.
        for (String key : new String[] { "GET /account/materials/{entry}", "POST /account/materials/{entry}/delete",
                "POST /account/materials/{entry}/validity", "GET /api/v1/cases/library/{entry}",
                "GET /api/v1/cases/library/{entry}/content", "PUT /api/v1/cases/library/{entry}/validity",
                "DELETE /api/v1/cases/library/{entry}" }) {
            owner(key);
        }
        // The ratings and complaints of a case: its applicant, and the supervisors of its division.
        owner("GET /api/v1/evaluation/cases/{id}/ratings").staffUnchecked = true;
        // A complainant's own complaints about a case (supervisors see theirs under /api/v1/supervision/complaints).
        owner("GET /api/v1/supervision/cases/{id}/complaints");
        // Acting for a company: only for one's own company (the drill asks for A's).
        owner("PUT /api/v1/identity/acting-for");
        owner("POST /account/acting-for");
        // A's certificates and the authorizations to use them.
        for (String key : new String[] { "GET /account/certificates/{id}", "GET /account/certificates/{id}/signed",
                "POST /account/certificates/{id}/authorizations",
                "POST /account/certificates/{id}/authorizations/{authorization}/revoke",
                "GET /api/v1/certificates/{id}", "GET /api/v1/certificates/{id}/ledger",
                "GET /api/v1/certificates/{id}/signed", "POST /api/v1/certificates/{id}/authorizations",
                "DELETE /api/v1/certificates/{id}/authorizations/{authorization}" }) {
            owner(key);
        }
        // A's company (A is its legal representative) and its agent grants.
        for (String key : new String[] { "GET /account/companies/{id}", "POST /account/companies/{id}/agents",
                "POST /account/companies/{id}/agents/{authorization}/revoke", "GET /api/v1/identity/companies/{id}",
                "GET /api/v1/identity/companies/{id}/agents", "POST /api/v1/identity/companies/{id}/agents",
                "DELETE /api/v1/identity/companies/{id}/agents/{authorization}" }) {
            owner(key);
        }

        // Staff workbench: any staff member.
        staff("GET /workbench").allStaff();
        staff("GET /workbench/tasks").allStaff();
        staff("GET /api/v1/cases/tasks").allStaff();
        staff("GET /api/v1/cases/tasks/done").allStaff();
        // Using a certificate by its identifier (with the holder's authorization): any staff member.
        staff("GET /workbench/certificates/use").allStaff();
        staff("POST /workbench/certificates/use").allStaff();
        staff("POST /api/v1/certificates/uses").allStaff();
        // Rectification of bad ratings: the staff of the rated body.
        staff("GET /workbench/rectifications").allStaff();
        staff("GET /api/v1/evaluation/rectifications").allStaff();
        staff("POST /workbench/rectifications/{id}").allStaff().scoped();
        staff("POST /api/v1/evaluation/rectifications/{id}").allStaff().scoped();

        // Acceptance (受理): the window officers of the item's body.
        staff("GET /workbench/cases", WINDOW_OFFICER);
        staff("GET /api/v1/cases/queue", WINDOW_OFFICER);
        for (String key : new String[] { "GET /workbench/cases/{id}", "GET /workbench/cases/{id}/materials/{material}",
                "POST /workbench/cases/{id}/accept", "POST /workbench/cases/{id}/corrections",
                "POST /workbench/cases/{id}/refusal", "POST /workbench/cases/{id}/shared-identity",
                "POST /api/v1/cases/applications/{id}/acceptance", "POST /api/v1/cases/applications/{id}/corrections",
                "POST /api/v1/cases/applications/{id}/refusal" }) {
            staff(key, WINDOW_OFFICER).scoped();
        }
        // 窗口收件: the window officers of the item's body file for a walk-in applicant.
        staff("GET /workbench/walk-ins", WINDOW_OFFICER);
        staff("POST /workbench/walk-ins", WINDOW_OFFICER);
        staff("POST /api/v1/cases/walk-ins", WINDOW_OFFICER);
        for (String key : new String[] { "GET /workbench/walk-ins/{id}", "POST /workbench/walk-ins/{id}",
                "POST /workbench/walk-ins/{id}/submit", "POST /workbench/walk-ins/{id}/materials/{index}",
                "POST /workbench/walk-ins/{id}/materials/{index}/delete",
                "GET /workbench/walk-ins/{id}/materials/{material}", "GET /api/v1/cases/walk-ins/{id}",
                "PUT /api/v1/cases/walk-ins/{id}/values", "POST /api/v1/cases/walk-ins/{id}/materials/{index}",
                "POST /api/v1/cases/walk-ins/{id}/submission" }) {
            staff(key, WINDOW_OFFICER).scoped();
        }
        // In-person real-name verification at a hall window.
        staff("GET /workbench/identity/verify", WINDOW_OFFICER);
        staff("POST /workbench/identity/verify", WINDOW_OFFICER);
        staff("POST /workbench/identity/verify/lookup", WINDOW_OFFICER);
        // A task of the review step (审查) in the market regulation body: the staff of the body see it with its case
        // (CaseProcessing#task), only a reviewer acts on it.
        for (String key : new String[] { "GET /workbench/tasks/{id}", "GET /workbench/tasks/{id}/materials/{material}",
                "GET /api/v1/cases/tasks/{id}" }) {
            staff(key).allStaff().scoped();
        }
        staff("POST /workbench/tasks/{id}/actions", REVIEWER).scoped();
        // The delivery (送达) of that task's case: the body's staff read it; the step's role records a delivery (on
        // this review task the record is refused as a rule, 422, not as a matter of access).
        staff("GET /api/v1/cases/tasks/{id}/delivery").allStaff().scoped();
        staff("POST /workbench/tasks/{id}/delivery", REVIEWER).scoped();
        staff("POST /api/v1/cases/tasks/{id}/delivery", REVIEWER).scoped();
        staff("POST /api/v1/cases/tasks/{id}/actions", REVIEWER).scoped();
        // Claiming that task (认领): the officers with the step's role. Giving it back: its holder, or the body's
        // approver (the role that leads the body's work) taking it back; the approver assigns it to a named officer.
        staff("POST /workbench/tasks/{id}/claim", REVIEWER).scoped();
        staff("POST /api/v1/cases/tasks/{id}/claim", REVIEWER).scoped();
        staff("POST /workbench/tasks/{id}/release", REVIEWER, APPROVER).scoped();
        staff("POST /api/v1/cases/tasks/{id}/release", REVIEWER, APPROVER).scoped();
        staff("POST /workbench/tasks/{id}/assignment", APPROVER).scoped();
        staff("POST /api/v1/cases/tasks/{id}/assignment", APPROVER).scoped();
        staff("GET /api/v1/cases/tasks/{id}/assignees", APPROVER).scoped();
        // Extending the time limit (行政许可法 Art. 42): the head of the body, an approver.
        staff("POST /workbench/extensions/{applicationId}", APPROVER).scoped();
        staff("POST /api/v1/cases/applications/{id}/extension", APPROVER).scoped();

        // Issuing and managing certificates: approvers of the issuing body (here human resources and social security).
        for (String key : new String[] { "GET /workbench/certificates", "GET /workbench/certificates/new",
                "POST /workbench/certificates", "POST /api/v1/certificates", "POST /api/v1/certificates/legacy-import" }) {
            staff(key, APPROVER).at(Place.HR);
        }
        rules.get("GET /workbench/certificates/new").lenient();
        for (String key : new String[] { "GET /workbench/certificates/{id}",
                "POST /workbench/certificates/{id}/{action:revoke|suspend|reinstate|renew}",
                "GET /api/v1/certificates/issued/{id}", "POST /api/v1/certificates/issued/{id}/reinstatement",
                "POST /api/v1/certificates/issued/{id}/renewal", "POST /api/v1/certificates/issued/{id}/revocation",
                "POST /api/v1/certificates/issued/{id}/suspension" }) {
            staff(key, APPROVER).at(Place.HR).scoped();
        }

        // The issuing bodies' signing keys: system administrators (a division's keys for its own). Rotating and
        // revoking change keys the rest of the suite signs with: refusals only (SigningKeysIntegrationTests covers the
        // administrator).
        staff("GET /admin/certificates/keys", SYSTEM_ADMIN);
        staff("GET /api/v1/certificates/signing-keys", SYSTEM_ADMIN);
        for (String key : new String[] { "POST /admin/certificates/keys/{id}/{action:rotate|revoke}",
                "POST /api/v1/certificates/signing-keys/{id}/rotation",
                "POST /api/v1/certificates/signing-keys/{id}/revocation" }) {
            staff(key, SYSTEM_ADMIN).denyOnly();
        }

        // Official documents of a case: its applicant, and staff of the bodies handling it.
        for (String key : new String[] { "GET /api/v1/cases/applications/{id}/documents",
                "GET /api/v1/cases/applications/{id}/documents/{kind}" }) {
            owner(key).allStaff().scoped();
        }
        owner("GET /account/cases/{id}/documents/{kind}").staffUnchecked = true;
        staff("GET /workbench/cases/{id}/documents/{kind}").allStaff().scoped();
        // A's printable certificate copy.
        owner("GET /api/v1/certificates/{id}/pdf");
        owner("GET /account/certificates/{id}/pdf");
        owner("GET /api/v1/certificates/{id}/ofd");
        owner("GET /account/certificates/{id}/ofd");

        // Published ratings and the exposure column: everybody.
        open("GET /ratings", "GET /api/v1/evaluation/statistics", "GET /exposure", "GET /api/v1/exposure");
        // Appeals against bad ratings: the rated body's staff file, supervisors decide (no appeal among the
        // fixtures, so decisions are exercised for refusals only).
        staff("GET /workbench/rating-appeals").allStaff();
        staff("POST /api/v1/evaluation/ratings/{id}/appeal").allStaff().scoped();
        staff("POST /workbench/ratings/{id}/appeal").allStaff().scoped().denyOnly();
        staff("GET /api/v1/evaluation/appeals", SUPERVISOR);
        staff("POST /workbench/rating-appeals/{id}", SUPERVISOR).denyOnly();
        staff("POST /api/v1/evaluation/appeals/{id}/decision", SUPERVISOR).denyOnly();
        // Publishing a complaint in the exposure column, withdrawing it: supervisors of the division.
        staff("POST /workbench/supervision/complaints/{id}/exposure", SUPERVISOR).scoped().denyOnly();
        staff("POST /workbench/supervision/exposure/{id}/withdrawal", SUPERVISOR).denyOnly();

        // Hall-visit ratings (一次一评): window officers record and end visits and bind kiosks at the windows of their
        // halls (another city's officer does not see them); ending a visit and binding a device change the drill's
        // fixtures, so they are exercised for refusals only.
        staff("GET /workbench/visits", WINDOW_OFFICER);
        staff("POST /workbench/visits", WINDOW_OFFICER);
        staff("GET /api/v1/evaluation/visits", WINDOW_OFFICER);
        staff("POST /api/v1/evaluation/visits", WINDOW_OFFICER);
        staff("GET /workbench/visits/{id}/slip", WINDOW_OFFICER).scoped();
        staff("POST /workbench/visits/{id}/end", WINDOW_OFFICER).scoped().denyOnly();
        staff("POST /api/v1/evaluation/visits/{id}/end", WINDOW_OFFICER).scoped().denyOnly();
        staff("POST /workbench/visits/windows/{windowId}/kiosk", WINDOW_OFFICER).scoped().denyOnly();
        staff("POST /api/v1/evaluation/windows/{windowId}/kiosk-devices", WINDOW_OFFICER).scoped().denyOnly();
        // The kiosk and the slip's link: anybody holding the device token or the link (the drill holds neither, so
        // every caller gets 404; VisitRatingsIntegrationTests covers the bound device and the valid link).
        for (String key : new String[] { "GET /kiosk/windows/{windowId}", "POST /kiosk/windows/{windowId}",
                "GET /api/v1/evaluation/kiosk/windows/{windowId}", "POST /api/v1/evaluation/kiosk/windows/{windowId}/ratings",
                "GET /visit-rating/{token}", "POST /visit-rating/{token}", "GET /api/v1/evaluation/visit-ratings/{token}",
                "POST /api/v1/evaluation/visit-ratings/{token}" }) {
            add(Citizens.PUBLIC, key).allStaff().lenient();
        }

        // The visitor's own hall visits: the body's answer to a bad rating and the second rating (the drill's visit
        // is not recorded for A, so A gets 404 as well; VisitRatingsIntegrationTests covers the owner).
        self("GET /account/visits", "GET /api/v1/evaluation/my-visits");
        owner("POST /account/visits/{id}/rating").lenient();
        owner("POST /api/v1/evaluation/my-visits/{id}/ratings").lenient();

        // Oversight of petitions past their deadline and their publication in the exposure column: supervisors, for
        // their division and below; the body's staff read the urgings of their body.
        staff("GET /workbench/supervision/petitions", SUPERVISOR);
        staff("GET /api/v1/supervision/petitions/overdue", SUPERVISOR);
        for (String key : new String[] { "POST /workbench/supervision/petitions/{id}/urges",
                "POST /api/v1/supervision/petitions/{id}/urges", "GET /api/v1/supervision/petitions/{id}/urges",
                "GET /api/v1/supervision/petitions/{id}/exposure-draft" }) {
            staff(key, SUPERVISOR).scoped();
        }
        staff("POST /workbench/supervision/petitions/{id}/exposure", SUPERVISOR).scoped().denyOnly();
        staff("POST /api/v1/supervision/petitions/{id}/exposure", SUPERVISOR).scoped().denyOnly();
        staff("GET /api/v1/petitions/urges").allStaff();

        // Electronic supervision (电子监察): supervisors, for their division and below.
        staff("GET /workbench/supervision", SUPERVISOR);
        staff("GET /api/v1/supervision/bodies", SUPERVISOR);
        staff("GET /api/v1/supervision/complaints", SUPERVISOR);
        staff("GET /api/v1/supervision/warnings", SUPERVISOR);
        for (String key : new String[] { "GET /workbench/supervision/cases/{id}", "GET /api/v1/supervision/cases/{id}",
                "POST /workbench/supervision/complaints/{id}/response",
                "POST /api/v1/supervision/complaints/{id}/response", "POST /workbench/supervision/warnings/{id}/handled",
                "POST /api/v1/supervision/warnings/{id}/handled" }) {
            staff(key, SUPERVISOR).scoped();
        }

        // The supervision dashboard: supervisors, for their division and below (another division by query parameter
        // is 404, covered by DashboardIntegrationTests).
        staff("GET /workbench/supervision/dashboard", SUPERVISOR);
        staff("GET /api/v1/supervision/dashboard", SUPERVISOR);

        // Performance assessment (绩效考核): a division's month for its supervisors (another division by query
        // parameter is 404); a body's monthly report and PDF for its own staff and its supervisors (another city's
        // body is 404), covered by AssessmentIntegrationTests.
        staff("GET /workbench/supervision/assessment", SUPERVISOR);
        staff("GET /api/v1/supervision/assessment", SUPERVISOR);
        // Freezing a closed month again after a correction: supervisors, for their division and below (another
        // division is 404, covered by AssessmentIntegrationTests); it recounts a month other tests read, so only
        // refusals are exercised.
        staff("POST /workbench/supervision/assessment/refreeze", SUPERVISOR).denyOnly();
        staff("POST /api/v1/supervision/assessment/refreezes", SUPERVISOR).denyOnly();
        for (String key : new String[] { "GET /workbench/supervision/assessment/bodies/{id}",
                "GET /workbench/supervision/assessment/bodies/{id}/report.pdf",
                "GET /api/v1/supervision/assessment/bodies/{id}" }) {
            staff(key).allStaff().scoped();
        }
        // The reform task progress table (工作任务进度表): every staff member reads it; supervisors of the plan's
        // division (the province) keep it. The drill's made-up status is refused with 422, so nothing changes.
        staff("GET /workbench/supervision/tasks").allStaff();
        staff("GET /api/v1/supervision/tasks").allStaff();
        staff("POST /workbench/supervision/tasks/{id}", SUPERVISOR).at(Place.PROVINCE).scoped();
        staff("POST /api/v1/supervision/tasks/{id}/progress", SUPERVISOR).at(Place.PROVINCE).scoped();

        // Escalation of overdue cases (超期督办): the page for heads of bodies (approvers) and supervisors; each staff
        // member's own notices; the body's overdue cases for its head; lights per officer (own body, or a body of the
        // supervisor's division) and per division (supervisors), covered by EscalationsIntegrationTests.
        staff("GET /workbench/overdue", SUPERVISOR, APPROVER);
        staff("POST /workbench/overdue/notices/read").allStaff();
        staff("GET /api/v1/supervision/escalations/notices").allStaff();
        staff("POST /api/v1/supervision/escalations/notices/read").allStaff();
        staff("GET /api/v1/supervision/escalations/overdue", APPROVER);
        staff("GET /api/v1/supervision/lights/officers", SUPERVISOR, APPROVER);
        staff("GET /api/v1/supervision/lights/divisions", SUPERVISOR);

        // Anomaly findings (电子监察异常): supervisors, for their division and below.
        staff("GET /workbench/supervision/findings", SUPERVISOR);
        staff("GET /api/v1/supervision/findings", SUPERVISOR);
        for (String key : new String[] { "GET /api/v1/supervision/findings/{id}",
                "POST /api/v1/supervision/findings/{id}/review", "POST /workbench/supervision/findings/{id}/review" }) {
            staff(key, SUPERVISOR).scoped();
        }

        // Consultations, complaints and reports (咨询/投诉/举报): anyone but staff submits; sending SMS codes is only
        // exercised for refusals (the drill's phone is the demo resident's, whose SMS limits other tests rely on).
        add(Citizens.PUBLIC, "GET /petitions/new");
        add(Citizens.PUBLIC, "POST /petitions");
        add(Citizens.PUBLIC, "POST /api/v1/petitions");
        add(Citizens.PUBLIC, "POST /petitions/phone-code").denyOnly();
        add(Citizens.PUBLIC, "POST /api/v1/petitions/phone-codes").denyOnly();
        open("GET /petitions/submitted", "GET /petitions/lookup");
        // Looking up by lookup code and phone: the drill's made-up code finds nothing (404), for anybody.
        for (String key : new String[] { "POST /petitions/lookup", "POST /petitions/lookup/rating",
                "POST /api/v1/petitions/lookup", "POST /api/v1/petitions/lookup/rating" }) {
            add(Citizens.PUBLIC, key).allStaff().lenient();
        }
        self("GET /account/petitions", "GET /api/v1/petitions/mine");
        owner("POST /account/petitions/{id}/rating");
        owner("POST /api/v1/petitions/{id}/rating");
        // The responsible body's staff answer; another city's body does not see them.
        staff("GET /workbench/petitions").allStaff();
        staff("GET /api/v1/petitions/inbox").allStaff();
        staff("POST /workbench/petitions/{id}/answer").allStaff().scoped();
        staff("POST /api/v1/petitions/{id}/answer").allStaff().scoped();

        // Data sharing (共享交换): staff browse and request; approvers decide; system administrators keep the catalogue.
        staff("GET /workbench/exchange").allStaff();
        staff("GET /workbench/exchange/resources/{code}").allStaff();
        staff("GET /workbench/exchange/requests").allStaff();
        staff("POST /workbench/exchange/resources/{code}/requests").allStaff();
        staff("GET /api/v1/exchange/resources").allStaff();
        staff("GET /api/v1/exchange/resources/{code}").allStaff();
        staff("GET /api/v1/exchange/requests").allStaff();
        staff("POST /api/v1/exchange/requests").allStaff();
        // Decisions: the approvers of the providing body (not the drill's) or a system administrator.
        staff("POST /workbench/exchange/requests/{id}/decision", SYSTEM_ADMIN);
        staff("POST /api/v1/exchange/requests/{id}/decision", SYSTEM_ADMIN);
        // The gateway: client systems with their token, and staff for their own body.
        staff("POST /api/v1/exchange/query").allStaff();
        for (String key : new String[] { "GET /admin/exchange/access-log", "GET /admin/exchange/resources/new",
                "GET /admin/exchange/resources/{code}", "POST /admin/exchange/resources",
                "POST /admin/exchange/resources/{code}", "GET /api/v1/exchange/access-log/verification",
                "POST /api/v1/exchange/resources", "PUT /api/v1/exchange/resources/{code}" }) {
            staff(key, SYSTEM_ADMIN);
        }

        // The catalogue (事项目录) and process definitions: catalogue administrators of the division and above.
        // The basic catalogue (基本目录) is the province's.
        for (String key : new String[] { "GET /admin/catalog/basic", "GET /admin/catalog/basic/new",
                "GET /admin/catalog/basic/{code}", "GET /admin/catalog/basic/{code}/edit",
                "GET /admin/catalog/basic/{code}/diff", "POST /admin/catalog/basic",
                "POST /admin/catalog/basic/{code}/submit", "POST /admin/catalog/basic/{code}/approve" }) {
            staff(key, CATALOG_ADMIN).at(Place.PROVINCE);
        }
        for (String key : new String[] { "GET /admin/catalog", "GET /admin/catalog/export", "POST /admin/catalog/import", "GET /admin/catalog/imports/{id}",
                "GET /admin/catalog/imports/{id}/progress", "GET /admin/catalog/items/form/{list}",
                "GET /admin/catalog/items/lookup", "GET /admin/catalog/items/new", "GET /admin/catalog/items/pick/{field}", "POST /admin/catalog/items",
                "POST /admin/catalog/attachments", "GET /admin/catalog/synonyms", "POST /admin/catalog/synonyms",
                "POST /admin/catalog/synonyms/{id}/delete", "POST /api/v1/catalog/admin/attachments",
                "POST /api/v1/catalog/admin/imports", "GET /api/v1/catalog/admin/imports/{id}",
                "POST /api/v1/catalog/admin/items" }) {
            staff(key, CATALOG_ADMIN);
        }
        for (String key : new String[] { "GET /admin/catalog/items/{code}/edit", "GET /admin/catalog/items/{code}/diff",
                "GET /admin/catalog/items/{code}/history", "POST /admin/catalog/items/{code}/repeal",
                "POST /admin/catalog/items/{code}/resume", "POST /admin/catalog/items/{code}/suspend",
                "POST /admin/catalog/items/{id}/approve", "POST /admin/catalog/items/{id}/submit",
                "GET /admin/catalog/processes/{code}", "POST /admin/catalog/processes/{code}",
                "GET /admin/catalog/processes/{code}/versions/{version}",
                "GET /api/v1/catalog/admin/items/{code}/diff", "GET /api/v1/catalog/admin/items/{code}/versions",
                "POST /api/v1/catalog/admin/items/{code}/repeal", "POST /api/v1/catalog/admin/items/{code}/resume",
                "POST /api/v1/catalog/admin/items/{code}/suspend",
                "POST /api/v1/catalog/admin/items/{code}/versions/{version}/approve",
                "POST /api/v1/catalog/admin/items/{code}/versions/{version}/publish",
                "POST /api/v1/catalog/admin/items/{code}/versions/{version}/submit",
                "GET /api/v1/cases/definitions/{code}", "POST /api/v1/cases/definitions/{code}",
                "GET /admin/catalog/forms/{code}", "POST /admin/catalog/forms/{code}",
                "GET /api/v1/cases/forms/{code}", "POST /api/v1/cases/forms/{code}" }) {
            // The item belongs to 浑南区: a catalogue administrator of 大连 may not touch it.
            staff(key, CATALOG_ADMIN).scoped();
        }
        // Publishing, suspending and repealing would change the demo item the rest of the suite applies for.
        for (String key : new String[] { "POST /admin/catalog/items/{code}/repeal", "POST /admin/catalog/items/{code}/suspend",
                "POST /api/v1/catalog/admin/items/{code}/repeal", "POST /api/v1/catalog/admin/items/{code}/suspend",
                "POST /admin/catalog/processes/{code}", "POST /api/v1/cases/definitions/{code}",
                "POST /admin/catalog/forms/{code}", "POST /api/v1/cases/forms/{code}",
                "POST /admin/catalog/basic/{code}/approve", "POST /admin/catalog/items/{id}/approve",
                "POST /api/v1/catalog/admin/items/{code}/versions/{version}/approve",
                "POST /api/v1/catalog/admin/items/{code}/versions/{version}/publish" }) {
            rules.get(key).denyOnly();
        }

        // Staff accounts and client systems: system administrators.
        for (String key : new String[] { "GET /admin/staff", "GET /admin/staff/{id}", "GET /admin/staff/bodies",
                "POST /admin/staff", "GET /admin/clients", "POST /admin/clients", "GET /api/v1/identity/staff",
                "GET /api/v1/identity/staff/{id}", "POST /api/v1/identity/staff" }) {
            staff(key, SYSTEM_ADMIN);
        }
        // Signing keys, client secrets and demo staff accounts are shared with the rest of the suite.
        for (String key : new String[] { "POST /admin/clients/keys/rotate", "POST /admin/clients/{clientId}/disable",
                "POST /admin/clients/{clientId}/secret", "POST /admin/staff/{id}", "POST /admin/staff/{id}/deactivate",
                "PUT /api/v1/identity/staff/{id}/assignment", "POST /api/v1/identity/staff/{id}/deactivation" }) {
            staff(key, SYSTEM_ADMIN).denyOnly();
        }
    }
}
