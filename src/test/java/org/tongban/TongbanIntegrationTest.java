package org.tongban;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a throw-away embedded PostgreSQL, with the demo data explicitly asked for (the test
 * profile loads none by default). All integration tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tongban.demo.enabled=true")
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface TongbanIntegrationTest {
}
