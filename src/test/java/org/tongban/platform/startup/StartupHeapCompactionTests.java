package org.tongban.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StartupHeapCompactionTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(StartupHeapCompaction.class);

    @Test
    void compactsTheHeapUnlessTurnedOff() {
        contexts.run(context -> assertThat(context).hasSingleBean(StartupHeapCompaction.class));
        contexts.withPropertyValues("tongban.startup.compact-heap=false")
                .run(context -> assertThat(context).doesNotHaveBean(StartupHeapCompaction.class));
    }

    @Test
    void collectsWhatStartUpLeftBehindBeforeReturning() {
        var garbage = new WeakReference<>(new byte[8 << 20]);

        var result = StartupHeapCompaction.compact();

        assertThat(garbage.get()).as("start-up's garbage is collected by the time readiness follows").isNull();
        assertThat(result.usedAfter()).isLessThanOrEqualTo(result.committedAfter());
    }
}
