package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code ./switchboard simulate} line the start-up banner prints must work as printed. */
class DemoTenantTest {
    @Test
    void the_default_server_needs_no_options() {
        assertThat(DemoTenant.simulateOptions("http://localhost:8080", "http://localhost:8080")).isEmpty();
    }

    @Test
    void another_port_is_dialed_with_url() {
        assertThat(DemoTenant.simulateOptions("http://localhost:9090", "http://localhost:9090/")).isEqualTo(" --url http://localhost:9090");
    }

    /** Found by starting with SWITCHBOARD_BIND=127.0.0.1: the printed command was refused with 403 (signed for the wrong URL). */
    @Test
    void a_public_url_other_than_the_dialed_one_is_passed_so_signatures_match() {
        assertThat(DemoTenant.simulateOptions("http://127.0.0.1:18713", "http://localhost:18713"))
                .isEqualTo(" --url http://127.0.0.1:18713 --public-url http://localhost:18713");
        assertThat(DemoTenant.simulateOptions("http://localhost:8080", "https://salon.ngrok.app"))
                .isEqualTo(" --public-url https://salon.ngrok.app");
    }
}
