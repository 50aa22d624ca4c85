package org.tongban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tongban.platform.database.EarlyEmbeddedDatabase;
import org.tongban.platform.startup.StartupSteps;

/**
 * Tongban (通办): the integrated online government-services platform (一体化网上政务服务平台) of a province.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TongbanApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && "verify".equals(args[0])) {
            // Offline verification of a downloaded e-certificate: no Spring, no database, no network.
            System.exit(org.tongban.certificates.OfflineVerifier.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        var application = new SpringApplication(TongbanApplication.class);
        // The embedded database starts while the context is being built (no effect with an external database).
        application.addListeners(new EarlyEmbeddedDatabase());
        // -Dtongban.startup.steps=true logs where the start's time went (bench/README.md, "Startup benchmark").
        StartupSteps.recordIfAsked(application);
        application.run(args);
    }
}
