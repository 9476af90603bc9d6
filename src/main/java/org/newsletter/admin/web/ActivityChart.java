package org.newsletter.admin.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Signups and unsubscribes per day as bars of an SVG drawn on the server: no script, a table beside it. */
public record ActivityChart(int width, int height, int baseline, int barWidth, List<Bar> bars, String firstDay,
                            String lastDay, long totalSignups, long totalUnsubscribes) {

    public record Bar(String day, long signups, long unsubscribes, int x, int x2, int signupY, int signupHeight,
                      int unsubscribeY, int unsubscribeHeight) {
    }

    static ActivityChart of(LocalDate from, int days, Map<LocalDate, long[]> counts) {
        int width = 600;
        int height = 160;
        int baseline = height - 14;
        int slot = width / days;
        int barWidth = Math.max(2, slot / 2 - 1);
        long max = 1;
        for (long[] c : counts.values()) {
            max = Math.max(max, Math.max(c[0], c[1]));
        }
        List<Bar> bars = new ArrayList<>();
        long signups = 0;
        long unsubscribes = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = from.plusDays(i);
            long[] c = counts.getOrDefault(day, new long[2]);
            int h1 = (int) Math.round((baseline - 4) * (double) c[0] / max);
            int h2 = (int) Math.round((baseline - 4) * (double) c[1] / max);
            int x = i * slot;
            bars.add(new Bar(day.toString(), c[0], c[1], x, x + barWidth, baseline - h1, h1, baseline - h2, h2));
            signups += c[0];
            unsubscribes += c[1];
        }
        return new ActivityChart(width, height, baseline, barWidth, bars, from.toString(),
                from.plusDays(days - 1).toString(), signups, unsubscribes);
    }
}
