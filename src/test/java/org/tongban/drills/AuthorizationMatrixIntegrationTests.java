package org.tongban.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tongban.TongbanIntegrationTest;
import org.tongban.drills.AccessRules.Citizens;
import org.tongban.drills.AccessRules.Place;
import org.tongban.drills.AccessRules.Rule;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Authorization drill (issue 10): every endpoint Spring maps × anonymous, citizen A (who owns the resources in the
 * path), citizen B, and one staff account per role in the resources' body, plus — where the rule has a data scope —
 * the allowed roles in a body of another city. Only the combinations {@link AccessRules} allows may get through:
 * a refusal is 401/403, a 404 for a resource that does not exist for this caller, a redirect to sign in, or (pages)
 * a redirect back with an error message; an allowed read must succeed (2xx/3xx); an allowed write must not be turned
 * away (401/403/sign-in), whatever it then says about the drill's made-up input — writes by allowed callers are not repeated where they would change data the rest of the suite
 * relies on. No combination may answer 5xx. An endpoint without a rule fails the drill.
 */
@TongbanIntegrationTest
class AuthorizationMatrixIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    /** Destructive calls last, so that the resources stay in place for the rest. */
    private static final Set<String> LAST = Set.of("delete", "withdraw", "withdrawal", "revoke", "deactivate",
            "deactivation", "end-all");

    @Test
    void onlyTheAllowedCombinationsOfCallerAndEndpointGetThrough() throws Exception {
        Drill drill = new Drill(mvc, context);
        AccessRules rules = new AccessRules();
        List<Endpoint> endpoints = new ArrayList<>(Endpoint.all(mapping));
        endpoints.sort(Comparator.comparing((Endpoint e) -> destructive(e) ? 1 : 0).thenComparing(Endpoint::key));

        Set<String> unclassified = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        int checks = 0;
        int checked = 0;
        for (Endpoint endpoint : endpoints) {
            Rule rule = rules.rule(endpoint.key());
            if (rule == null) {
                unclassified.add(endpoint.key());
                continue;
            }
            if (rule.internal) {
                continue;
            }
            checked++;
            Drill.Call call = drill.call(endpoint);
            // Refusals first: a caller that gets through may change what the next one sees.
            List<Case> cases = cases(rule, drill);
            cases.sort(Comparator.comparing(c -> c.allowed == Boolean.TRUE ? 1 : 0));
            for (Case c : cases) {
                if (c.allowed == Boolean.TRUE && rule.denyOnly) {
                    continue;
                }
                checks++;
                MvcResult result;
                try {
                    result = drill.perform(call, c.who);
                } catch (Exception e) {
                    failures.add(endpoint.key() + " as " + Drill.name(c.who) + ": " + e);
                    continue;
                }
                int status = result.getResponse().getStatus();
                String outcome = status + (result.getResponse().getRedirectedUrl() == null ? ""
                        : " → " + result.getResponse().getRedirectedUrl());
                String where = endpoint.key() + " as " + Drill.name(c.who) + ": " + outcome;
                if (status >= 500) {
                    failures.add(where + " (server error)");
                } else if (c.allowed == Boolean.FALSE && !Drill.refused(result)) {
                    failures.add(where + " (should be refused)");
                } else if (c.allowed == Boolean.TRUE && (endpoint.write() || rule.lenient ? Drill.turnedAway(result)
                        : Drill.refused(result))) {
                    failures.add(where + " (should be allowed)");
                } else if (c.allowed == Boolean.TRUE && !endpoint.write() && status >= 400 && !rule.lenient) {
                    failures.add(where + " (an allowed read must succeed)");
                }
            }
        }
        System.out.printf("DRILL authorization: %d endpoints, %d endpoint × caller checks, %d failures, "
                + "%d unclassified%n", checked, checks, failures.size(), unclassified.size());
        failures.forEach(f -> System.out.println("DRILL FAIL " + f));
        unclassified.forEach(u -> System.out.println("DRILL UNCLASSIFIED " + u));
        assertThat(unclassified).as("endpoints without a rule in AccessRules").isEmpty();
        assertThat(failures).as("authorization failures").isEmpty();
        assertThat(rules.all().keySet()).as("rules for endpoints that no longer exist")
                .isSubsetOf(endpoints.stream().map(Endpoint::key).toList());
    }

    private static boolean destructive(Endpoint endpoint) {
        if (endpoint.method().equals("DELETE")) {
            return true;
        }
        String last = endpoint.pattern().substring(endpoint.pattern().lastIndexOf('/') + 1);
        return endpoint.write() && LAST.contains(last);
    }

    /** One caller and whether it may get through ({@code null}: not checked, only for 5xx). */
    private record Case(SignedIn who, Boolean allowed) {
    }

    private static List<Case> cases(Rule rule, Drill drill) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(null, rule.citizens == Citizens.PUBLIC));
        cases.add(new Case(drill.a, rule.citizens != Citizens.NONE));
        cases.add(new Case(drill.b, rule.citizens != Citizens.NONE && rule.citizens != Citizens.OWNER));
        for (StaffRole role : StaffRole.values()) {
            cases.add(new Case(drill.staff(role, rule.home), rule.staffUnchecked ? null : rule.staff.contains(role)));
        }
        if (rule.scoped) {
            for (StaffRole role : rule.staff) {
                cases.add(new Case(drill.staff(role, Place.FAR), false));
            }
        }
        return cases;
    }
}
