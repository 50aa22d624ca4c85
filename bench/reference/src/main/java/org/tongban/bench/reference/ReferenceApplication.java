package org.tongban.bench.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The startup benchmark's reference: a bare Spring Boot web application with actuator and the same readiness
 * probe as Tongban ({@code /actuator/health/readiness}). Its start time and memory are what Spring Boot itself
 * costs on the machine the benchmark runs on; Tongban's figures are reported as ratios against it.
 */
@SpringBootApplication
public class ReferenceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferenceApplication.class, args);
    }
}
