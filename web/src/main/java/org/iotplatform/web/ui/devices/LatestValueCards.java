package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * One card per metric with its newest value and how old it is. Cards wrap, so a device with many
 * metrics reads well on a laptop and a wall screen alike. Values arrive from the history (on open)
 * and from the live feed; the newer timestamp wins, so the two can arrive in any order.
 */
class LatestValueCards extends Composite<Div> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final FlexLayout cards = new FlexLayout();
    private final Paragraph empty = new Paragraph("Loading…");
    private final Map<String, Card> byMetric = new TreeMap<>();

    LatestValueCards() {
        cards.setId("latest-values");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames(LumoUtility.Gap.MEDIUM);
        cards.setWidthFull();
        empty.setId("latest-values-empty");
        empty.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        getContent().add(empty, cards);
        getContent().setWidthFull();
    }

    /** Shown until the first value arrives. */
    void showEmpty() {
        if (byMetric.isEmpty()) {
            empty.setText("No telemetry yet. Values appear here as soon as the device sends them.");
            empty.setVisible(true);
        }
    }

    void update(String metric, double value, Instant ts, Instant now) {
        Card card = byMetric.get(metric);
        if (card == null) {
            card = new Card(metric);
            byMetric.put(metric, card);
            // keep cards in metric order: insert before the first card with a greater name
            int index = 0;
            for (String m : byMetric.keySet()) {
                if (m.equals(metric)) {
                    break;
                }
                index++;
            }
            cards.addComponentAtIndex(index, card);
            empty.setVisible(false);
        }
        card.show(value, ts, now);
    }

    /** Ages move on even when no message arrives. */
    void refreshAges(Instant now) {
        byMetric.values().forEach(c -> c.age(now));
    }

    boolean isEmpty() {
        return byMetric.isEmpty();
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    static String age(Instant ts, Instant now) {
        long s = Duration.between(ts, now).getSeconds();
        if (s < 5) {
            return "just now";
        }
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    private static final class Card extends Div {
        private final Span value = new Span();
        private final Span age = new Span();
        private Instant ts;

        Card(String metric) {
            Span name = new Span(metric);
            name.addClassNames(
                    "latest-value-metric",
                    LumoUtility.FontSize.SMALL,
                    LumoUtility.TextColor.SECONDARY,
                    LumoUtility.Overflow.HIDDEN,
                    LumoUtility.TextOverflow.ELLIPSIS,
                    LumoUtility.Whitespace.NOWRAP);
            name.setTitle(metric);
            value.addClassNames(
                    "latest-value-value",
                    LumoUtility.FontSize.XXLARGE,
                    LumoUtility.FontWeight.SEMIBOLD,
                    LumoUtility.TextColor.HEADER);
            age.addClassNames("latest-value-age", LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
            add(name, value, age);
            addClassNames(
                    "latest-value-card",
                    LumoUtility.Padding.MEDIUM,
                    LumoUtility.BorderRadius.MEDIUM,
                    LumoUtility.Background.CONTRAST_5,
                    LumoUtility.Display.FLEX,
                    LumoUtility.FlexDirection.COLUMN,
                    LumoUtility.Gap.XSMALL);
            getElement().setAttribute("data-metric", metric);
            getStyle().set("flex", "1 1 10em");
            setMinWidth("10em");
            setMaxWidth("18em");
        }

        void show(double v, Instant at, Instant now) {
            if (ts != null && at.isBefore(ts)) {
                return;
            }
            ts = at;
            value.setText(format(v));
            getElement().setAttribute("data-ts", String.valueOf(at.toEpochMilli()));
            age.setTitle(TIME.format(at));
            age(now);
        }

        void age(Instant now) {
            if (ts != null) {
                age.setText(LatestValueCards.age(ts, now));
            }
        }
    }
}
