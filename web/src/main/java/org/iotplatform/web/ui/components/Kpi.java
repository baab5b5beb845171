package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** One key figure: a label, a big number and an optional line below; "…" until the first value arrives. */
public class Kpi extends Composite<Div> {

    private final Span value = new Span("…");
    private final Span detail = new Span();

    public Kpi(String id, String label) {
        Span name = new Span(label);
        name.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        value.setId(id);
        value.addClassNames(
                "kpi-value",
                LumoUtility.FontSize.XXXLARGE,
                LumoUtility.FontWeight.SEMIBOLD,
                LumoUtility.LineHeight.XSMALL);
        detail.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Div card = getContent();
        card.add(name, value, detail);
        card.addClassNames(
                "kpi",
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.XSMALL);
        card.setMinWidth("8.5em");
        card.getStyle().set("flex", "1 1 8.5em");
    }

    public void show(long number) {
        value.setText(String.format(java.util.Locale.ROOT, "%,d", number));
    }

    public void show(String text) {
        value.setText(text);
    }

    public void detail(String text) {
        detail.setText(text);
    }

    /** Marks the figure as one that needs attention (e.g. rejected messages above zero). */
    public void attention(boolean on) {
        value.getStyle().set("color", on ? "var(--lumo-error-text-color)" : null);
    }

    public String text() {
        return value.getText();
    }
}
