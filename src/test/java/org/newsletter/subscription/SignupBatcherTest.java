package org.newsletter.subscription;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsletter.lists.OptInMode;
import org.newsletter.lists.PublicLists.PublicList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How signups are grouped into transactions. The recorder here stands in for the database only to hold
 * the first batch open (so that the next ones gather) and to fail on demand; what is recorded in the
 * database is tested end to end in {@link SignupBurstTest}.
 */
class SignupBatcherTest {

    private static final PublicList NEWS = new PublicList(1, "news", "News", OptInMode.DOUBLE);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private SignupBatcher batcher;

    /** Holds the first batch until released; refuses any batch that contains a "bad" address. */
    private final SignupRecorder recorder = new SignupRecorder(null, null, null, null) {
        @Override
        public void record(List<AcceptedSignup> batch) {
            List<String> addresses = batch.stream().map(AcceptedSignup::email).toList();
            batches.add(addresses);
            if (batches.size() == 1) {
                await(release);
            }
            if (addresses.stream().anyMatch(a -> a.startsWith("bad"))) {
                throw new IllegalArgumentException("refused " + addresses);
            }
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (batcher != null) {
            batcher.stop(null);
        }
    }

    @Test
    void signupsArrivingWhileABatchIsWrittenAreWrittenTogetherInTheNext() throws Exception {
        batcher = started(1, 50);

        allDone(submittedWhileTheFirstBatchIsWritten("b@example.org", "c@example.org", "a@example.org"));

        assertThat(batches).containsExactly(List.of("first@example.org"),
                List.of("b@example.org", "c@example.org", "a@example.org"));
    }

    @Test
    void aFailingBatchIsRetriedOneSignupAtATimeSoOnlyTheBadSignupFails() throws Exception {
        batcher = started(1, 50);

        List<CompletableFuture<Void>> answers = submittedWhileTheFirstBatchIsWritten(
                "bad@example.org", "good@example.org", "other@example.org");

        CompletableFuture<Void> bad = answers.remove(1);
        allDone(answers);
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused [bad@example.org]");
        assertThat(batches.subList(1, batches.size())).containsExactly(
                List.of("bad@example.org", "good@example.org", "other@example.org"),
                List.of("bad@example.org"), List.of("good@example.org"), List.of("other@example.org"));
    }

    @Test
    void twoSignupsForOneAddressNeverShareABatchWhateverTheirCase() throws Exception {
        batcher = started(1, 50);

        allDone(submittedWhileTheFirstBatchIsWritten("same@example.org", "Same@Example.org", "else@example.org"));

        assertThat(batches).containsExactly(List.of("first@example.org"),
                List.of("same@example.org", "else@example.org"), List.of("Same@Example.org"));
    }

    @Test
    void aBatchNeverExceedsItsLimit() throws Exception {
        batcher = started(1, 2);

        allDone(submittedWhileTheFirstBatchIsWritten("a@example.org", "b@example.org", "c@example.org",
                "d@example.org", "e@example.org"));

        assertThat(batches).containsExactly(List.of("first@example.org"), List.of("a@example.org", "b@example.org"),
                List.of("c@example.org", "d@example.org"), List.of("e@example.org"));
    }

    /**
     * Submits one signup and holds its batch open while the others are submitted, then lets it finish.
     *
     * @return the answers, the held signup's first
     */
    private List<CompletableFuture<Void>> submittedWhileTheFirstBatchIsWritten(String... addresses) throws InterruptedException {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        answers.add(batcher.submit(signup("first@example.org")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(batches).hasSize(1);
        for (String address : addresses) {
            answers.add(batcher.submit(signup(address)));
        }
        release.countDown();
        return answers;
    }

    private static void allDone(List<CompletableFuture<Void>> answers) throws Exception {
        for (CompletableFuture<Void> answer : answers) {
            answer.get(5, TimeUnit.SECONDS);
        }
    }

    private SignupBatcher started(int writers, int maxBatch) {
        SignupBatcher b = new SignupBatcher(recorder, writers, maxBatch);
        b.start();
        return b;
    }

    private static AcceptedSignup signup(String email) {
        return new AcceptedSignup(email, null, List.of(NEWS), ConsentSource.API, RequestOrigin.NONE);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
