package org.tongban.supervision.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.Dashboard;
import org.tongban.supervision.DashboardView;

/**
 * The supervision dashboard's figures over HTTP (what the page's charts draw), for supervisors within their divisions:
 * {@code division} (code, their own by default), {@code from}/{@code to} ({@code yyyy-MM-dd}, the last 30 days by
 * default), {@code body} (an id, to see its items). Problems: {@code supervision.supervisors-only} 403,
 * {@code supervision.dashboard.period-invalid} / {@code .period-too-long} / {@code .division-invalid} /
 * {@code .body-invalid} 422, {@code supervision.dashboard.division-not-found} / {@code .body-not-found} 404 outside
 * their divisions.
 */
@RestController
class DashboardApi {

    private final Dashboard dashboard;

    DashboardApi(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/v1/supervision/dashboard")
    DashboardView figures(@RequestParam(required = false) String division,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String body, @AuthenticationPrincipal SignedIn supervisor) {
        return dashboard.figures(supervisor, division, from, to, body);
    }
}
