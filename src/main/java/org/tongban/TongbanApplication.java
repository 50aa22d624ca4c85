package org.tongban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Tongban (通办): the integrated online government-services platform (一体化网上政务服务平台) of a province.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TongbanApplication {

    public static void main(String[] args) {
        SpringApplication.run(TongbanApplication.class, args);
    }
}
