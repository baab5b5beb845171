package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.maintenance.RulEstimates;
import org.iotplatform.maintenance.StoredEstimate;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.DurationText;

/**
 * The device's remaining useful life by each maintenance model that scored it ("about 3.2 days left
 * by pump-rul v2, as of …"), read once per visit; the section is hidden when no model did.
 */
class DeviceRul extends Composite<Div> {

    private static final Logger LOG = Logger.getLogger(DeviceRul.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DeviceId deviceId;
    private final RulEstimates estimates;
    private final DashboardExecutor executor;
    private Component section;

    DeviceRul(DeviceId deviceId, RulEstimates estimates, DashboardExecutor executor) {
        this.deviceId = deviceId;
        this.estimates = estimates;
        this.executor = executor;
        getContent().addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.XSMALL);
    }

    /** The page part shown only when there are estimates (the section with its heading). */
    void hideWhenEmpty(Component section) {
        this.section = section;
        section.setVisible(false);
    }

    void load(UI ui) {
        executor.load(
                ui,
                () -> estimates.latestOfDevice(deviceId.value()),
                this::show,
                e -> LOG.log(Level.FINE, "reading the estimates of " + deviceId + " failed", e));
    }

    void show(List<StoredEstimate> list) {
        Div content = getContent();
        content.removeAll();
        list.forEach(e -> content.add(line(e)));
        if (section != null) {
            section.setVisible(!list.isEmpty());
        }
    }

    static String text(StoredEstimate e) {
        return DurationText.left(e.rulSeconds()) + " by " + e.model() + " v" + e.version() + ", as of "
                + TIME.format(e.asOf()) + " UTC";
    }

    private static Span line(StoredEstimate e) {
        Span line = new Span(text(e));
        line.addClassNames("device-rul");
        line.getElement().setAttribute("data-model", e.model());
        return line;
    }
}
