package org.newsletter.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real database, the real SMTP server and a DKIM key for every {@code @QuarkusTest}. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(DkimKeyResource.class)
public final class Resources {
    private Resources() {
    }
}
