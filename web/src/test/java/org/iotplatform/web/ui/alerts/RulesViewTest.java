package org.iotplatform.web.ui.alerts;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.AlertRules;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.KaribuTest;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.junit.jupiter.api.Test;

class RulesViewTest extends KaribuTest {

    private static final class FakeRules extends AlertRules {
        final List<AlertRuleDefinition> created = new ArrayList<>();

        @Override
        public RuleView create(AlertRuleDefinition definition, String actor) {
            created.add(definition);
            return null;
        }
    }

    private static void signedInAs(Role role) {
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(() -> "ada");
        request.setUserInRole((principal, name) -> name.equals(role.value()));
    }

    @Test
    void operatorsReadRulesButCannotChangeThem() {
        signedInAs(Role.OPERATOR);
        RulesView view = new RulesView(new FakeRules(), new DashboardExecutor());
        view.show(List.of());
        _assertNone(view, Button.class, s -> s.withId("rule-new"));
        assertEquals(7, view.grid.getColumns().size(), "no column of edit, switch and delete buttons");
    }

    @Test
    void anAdminsRefusedRuleKeepsTheFormOpenWithTheReasonThenIsCreated() {
        signedInAs(Role.ADMIN);
        FakeRules rules = new FakeRules();
        RulesView view = new RulesView(rules, new DashboardExecutor());
        _click(_get(view, Button.class, s -> s.withId("rule-new")));
        _setValue(_get(TextField.class, s -> s.withId("rule-name")), "pump hot");
        _setValue(_get(TextField.class, s -> s.withId("rule-devices-value")), "pump-1");
        _setValue(_get(TextField.class, s -> s.withId("rule-condition")), "temperature >");
        _click(_get(Button.class, s -> s.withId("rule-save")));
        Span error = _get(Span.class, s -> s.withId("rule-form-error"));
        assertTrue(error.getText().startsWith("Condition:"), error.getText());
        assertTrue(rules.created.isEmpty());

        _setValue(_get(TextField.class, s -> s.withId("rule-condition")), "temperature > 80");
        _click(_get(Button.class, s -> s.withId("rule-save")));
        assertEquals(1, rules.created.size());
        assertEquals("pump-1", rules.created.get(0).devices().deviceId());
        _assertNone(TextField.class, s -> s.withId("rule-name")); // the form closed
    }
}
