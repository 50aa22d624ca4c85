package org.tongban.supervision;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The recovery job of the dashboard's figures: started with {@code tongban.supervision.dashboard.rebuild-on-start=true}
 * (e.g. {@code java -jar tongban.jar --tongban.supervision.dashboard.rebuild-on-start=true}) it recomputes them from the
 * cases and ratings tables once the application has started, then the listeners go on counting events. Safe with
 * several nodes: the rebuild locks the counted-event table, so a second run waits and recomputes the same figures.
 */
@Component
class DashboardRebuild implements ApplicationRunner {

    private final DashboardCounts counts;
    private final SupervisionProperties properties;

    DashboardRebuild(DashboardCounts counts, SupervisionProperties properties) {
        this.counts = counts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.dashboard().rebuildOnStart()) {
            counts.rebuild();
        }
    }
}
