package org.newsletter.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real database and the real SMTP server for every {@code @QuarkusTest}. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
public final class Resources {
    private Resources() {
    }
}
