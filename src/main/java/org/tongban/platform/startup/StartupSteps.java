package org.tongban.platform.startup;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * A diagnosis of where a start's time goes, for whoever works on start-up time: started with
 * {@code -Dtongban.startup.steps=true}, Spring records every step of the start (each bean's creation, configuration
 * class parsing, the context refresh...) and, once the platform is ready, this logs the steps that took longest by
 * their own time (a bean's time without the beans it made on the way). Off by default: the recording costs memory.
 * Wall times of one thread; on a busy machine they include waiting for the CPU.
 */
public final class StartupSteps implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);
    private static final int SHOWN = 40;

    private final BufferingApplicationStartup recording;

    private StartupSteps(BufferingApplicationStartup recording) {
        this.recording = recording;
    }

    /** Records the start of the given application if {@code -Dtongban.startup.steps=true}. */
    public static void recordIfAsked(SpringApplication application) {
        if (Boolean.getBoolean("tongban.startup.steps")) {
            var recording = new BufferingApplicationStartup(100_000);
            application.setApplicationStartup(recording);
            application.addListeners(new StartupSteps(recording));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<TimelineEvent> events = recording.getBufferedTimeline().getEvents();
        Map<Long, Long> ownNanos = new HashMap<>();
        Map<Long, TimelineEvent> byId = new HashMap<>();
        for (TimelineEvent step : events) {
            byId.put(step.getStartupStep().getId(), step);
            ownNanos.merge(step.getStartupStep().getId(), step.getDuration().toNanos(), Long::sum);
            Long parent = step.getStartupStep().getParentId();
            if (parent != null) {
                ownNanos.merge(parent, -step.getDuration().toNanos(), Long::sum);
            }
        }
        String top = ownNanos.entrySet().stream()
                .filter(entry -> byId.containsKey(entry.getKey()))
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(SHOWN)
                .map(entry -> String.format("%7d ms  %s", Duration.ofNanos(entry.getValue()).toMillis(),
                        describe(byId.get(entry.getKey()).getStartupStep())))
                .collect(Collectors.joining("\n"));
        log.info("Start-up steps by own time ({} steps recorded; time taken {}):\n{}", events.size(),
                event.getTimeTaken(), top);
    }

    private static String describe(StartupStep step) {
        String tags = StreamSupport.stream(step.getTags().spliterator(), false)
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(", "));
        return tags.isEmpty() ? step.getName() : step.getName() + " [" + tags + "]";
    }
}
