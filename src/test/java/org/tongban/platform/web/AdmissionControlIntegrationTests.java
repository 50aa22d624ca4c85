package org.tongban.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * Admission control runs first, ahead of the session filter (which reads the session from the database) and of
 * Spring Security, so a request turned away costs no database work; a request handled gives its permit back.
 */
@TongbanIntegrationTest
class AdmissionControlIntegrationTests {

    @Autowired
    @Qualifier("admissionControl")
    FilterRegistrationBean<AdmissionControl> admission;

    @Autowired
    MockMvc mvc;

    @Test
    void admissionComesBeforeTheSessionAndEveryPermitComesBack() throws Exception {
        assertThat(admission.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
        assertThat(admission.getOrder()).isLessThan(SessionRepositoryFilter.DEFAULT_ORDER);
        assertThat(admission.isEnabled()).isTrue();

        mvc.perform(get("/")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/catalog/items?q=营业执照")).andExpect(status().isOk());
        assertThat(admission.getFilter().inFlight()).isZero();
        assertThat(admission.getFilter().refused()).isZero();
    }
}
