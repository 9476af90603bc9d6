package org.newsletter.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM on a free port; the service sends to it over SMTP. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    @Override
    public synchronized Map<String, String> start() {
        if (greenMail == null) {
            ServerSetup setup = ServerSetupTest.SMTP.dynamicPort();
            greenMail = new GreenMail(setup);
            greenMail.start();
        }
        return Map.of(
                "newsletter.mail.transport", "smtp",
                "newsletter.smtp.host", "127.0.0.1",
                "newsletter.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Mailbox(greenMail),
                new TestInjector.MatchesType(Mailbox.class));
    }

    @Override
    public void stop() {
        // kept for the JVM's lifetime, like the database
    }
}
