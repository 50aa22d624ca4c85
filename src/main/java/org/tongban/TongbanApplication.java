package org.tongban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tongban.platform.database.EarlyEmbeddedDatabase;

/**
 * Tongban (通办): the integrated online government-services platform (一体化网上政务服务平台) of a province.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TongbanApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(TongbanApplication.class);
        // The embedded database starts while the context is being built (no effect with an external database).
        application.addListeners(new EarlyEmbeddedDatabase());
        application.run(args);
    }
}
