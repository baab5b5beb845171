package org.iotplatform.web.ui.maintenance;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.iotplatform.maintenance.MaintenanceModels;
import org.iotplatform.maintenance.ModelDefinition;
import org.iotplatform.maintenance.ModelExistsException;
import org.iotplatform.maintenance.ModelVersion;
import org.iotplatform.maintenance.ModelView;
import org.iotplatform.maintenance.RulEstimates;
import org.iotplatform.maintenance.StoredEstimate;
import org.iotplatform.maintenance.TrainingSettings;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.KaribuTest;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.junit.jupiter.api.Test;

class MaintenanceViewTest extends KaribuTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** The service as the view sees it; refuses a name that is taken, records what admins started. */
    private static final class FakeModels extends MaintenanceModels {
        final List<String> done = new ArrayList<>();

        @Override
        public ModelView define(ModelDefinition definition, String actor) {
            if (definition.name().equals("pump-rul")) {
                throw new ModelExistsException("pump-rul");
            }
            done.add("define " + definition.name() + " " + definition.metrics() + " by " + actor);
            return null;
        }

        @Override
        public ModelView retrain(String name, TrainingSettings settings, String actor) {
            done.add("retrain " + name + " " + (settings == null ? "defaults" : settings.json()));
            return null;
        }
    }

    private static final class FakeEstimates extends RulEstimates {}

    static ModelVersion ready(int version, boolean active) {
        return new ModelVersion(
                version,
                ModelVersion.READY,
                null,
                T,
                "ada",
                T.plusSeconds(252),
                252_000L,
                "{\"rounds\":300,\"maxDepth\":4,\"seeds\":2,\"folds\":3}",
                40,
                8_000,
                7_560.0,
                3,
                null,
                active);
    }

    static ModelVersion training(int version, String stage) {
        return new ModelVersion(
                version, ModelVersion.TRAINING, stage, T, "ada", null, null, "{}", null, null, null, null, null, false);
    }

    static ModelVersion failed(int version, String reason) {
        return new ModelVersion(
                version, ModelVersion.FAILED, null, T, "ada", T, null, "{}", null, null, null, null, reason, false);
    }

    static ModelView model(String name, String watch, ModelVersion... versions) {
        List<ModelVersion> list = List.of(versions);
        return new ModelView(
                name,
                "set:pump-history",
                watch,
                List.of("vibration", "temperature"),
                "fault > 0",
                "P30D",
                "1h",
                T,
                "ada",
                list.isEmpty() ? null : list.get(0).version(),
                list.isEmpty() ? null : list.get(0).state(),
                list.stream()
                        .filter(ModelVersion::active)
                        .map(ModelVersion::version)
                        .findFirst()
                        .orElse(null),
                list);
    }

    private static void signedInAs(Role role) {
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(() -> "ada");
        request.setUserInRole((principal, name) -> name.equals(role.value()));
    }

    private static MaintenanceView view(FakeModels models) {
        return new MaintenanceView(models, new FakeEstimates(), new DashboardExecutor());
    }

    @Test
    void listsModelsWithTheTrainingStageTheActiveVersionAndReadableFigures() {
        signedInAs(Role.VIEWER);
        MaintenanceView view = view(new FakeModels());
        ModelView pumps = model("pump-rul", "kind:pump", training(2, "reading histories: 12 of 40"), ready(1, true));
        ModelView fans = model("fan-rul", null, failed(1, "no device tagged set:fans"));
        view.show(new MaintenanceView.Snapshot(List.of(fans, pumps), null, null));

        assertEquals(2, _size(view.grid));
        assertEquals(
                List.of("fan-rul", "set:pump-history", "", "2", "failed", "none", "", ""),
                _getFormattedRow(view.grid, 0));
        assertEquals(
                List.of(
                        "pump-rul",
                        "set:pump-history",
                        "kind:pump",
                        "2",
                        "training (reading histories: 12 of 40)",
                        "v1",
                        "2.1 h (3 folds)",
                        "4.2 min"),
                _getFormattedRow(view.grid, 1));
    }

    @Test
    void aSelectedModelShowsItsVersionsAndItsWatchedDevicesClosestToFailure() {
        signedInAs(Role.OPERATOR);
        MaintenanceView view = view(new FakeModels());
        ModelView pumps = model("pump-rul", "kind:pump", failed(2, "out of memory"), ready(1, true));
        view.show(new MaintenanceView.Snapshot(List.of(pumps), null, null));
        view.grid.asSingleSelect().setValue(pumps);
        Span urgentState = _get(view.details, Span.class, s -> s.withId("maintenance-urgent-state"));
        assertTrue(urgentState.getText().startsWith("Reading the estimates"), urgentState.getText());

        List<StoredEstimate> closest = List.of(
                new StoredEstimate("pump-rul", "pump-7", 1, 9_000, T, T),
                new StoredEstimate("pump-rul", "pump-3", 1, 276_480, T, T));
        view.show(new MaintenanceView.Snapshot(List.of(pumps), "pump-rul", closest));

        assertEquals(2, _size(view.details.versions));
        assertEquals("v2", _getFormattedRow(view.details.versions, 0).get(0));
        assertEquals("failed", _getFormattedRow(view.details.versions, 0).get(1));
        assertEquals("out of memory", _getFormattedRow(view.details.versions, 0).get(8));
        assertEquals("v1 (active)", _getFormattedRow(view.details.versions, 1).get(0));
        assertEquals(
                "2.1 h (3 folds)", _getFormattedRow(view.details.versions, 1).get(6));
        assertEquals(2, _size(view.details.urgent));
        assertEquals(
                List.of("about 2.5 h left", "v1", "2026-12-01 10:00:00"),
                _getFormattedRow(view.details.urgent, 0).subList(1, 4));
        assertEquals(
                "about 3.2 days left", _getFormattedRow(view.details.urgent, 1).get(1));
    }

    @Test
    void viewersAndOperatorsReadOnly() {
        signedInAs(Role.VIEWER);
        MaintenanceView viewer = view(new FakeModels());
        _assertNone(viewer, Button.class, s -> s.withId("maintenance-new"));
        _assertNone(viewer, Button.class, s -> s.withId("maintenance-retrain"));
        signedInAs(Role.OPERATOR);
        MaintenanceView operator = view(new FakeModels());
        _assertNone(operator, Button.class, s -> s.withId("maintenance-new"));
    }

    @Test
    void adminsTrainASelectedModelAgainWithItsNewestSettings() {
        signedInAs(Role.ADMIN);
        FakeModels models = new FakeModels();
        MaintenanceView view = view(models);
        _assertOne(view, Button.class, s -> s.withId("maintenance-new"));
        Button retrain = _get(view, Button.class, s -> s.withId("maintenance-retrain"));
        assertFalse(retrain.isEnabled(), "nothing selected");

        ModelView pumps = model("pump-rul", null, ready(1, true));
        view.show(new MaintenanceView.Snapshot(List.of(pumps), null, null));
        view.grid.asSingleSelect().setValue(pumps);
        assertTrue(retrain.isEnabled());
        _click(retrain);
        assertEquals(
                300,
                _get(IntegerField.class, s -> s.withId("maintenance-rounds")).getValue());
        _setValue(_get(IntegerField.class, s -> s.withId("maintenance-folds")), 1);
        _click(_get(Button.class, s -> s.withId("maintenance-retrain-start")));
        Span error = _get(Span.class, s -> s.withId("maintenance-retrain-error"));
        assertEquals("Training.folds must be 0 (no validation) or 2-10", error.getText());

        _setValue(_get(IntegerField.class, s -> s.withId("maintenance-folds")), 0);
        _click(_get(Button.class, s -> s.withId("maintenance-retrain-start")));
        assertEquals(List.of("retrain pump-rul {\"rounds\":300,\"maxDepth\":4,\"seeds\":2,\"folds\":0}"), models.done);
        _assertNone(Button.class, s -> s.withId("maintenance-retrain-start")); // the dialog closed

        view.show(new MaintenanceView.Snapshot(
                List.of(model("pump-rul", null, training(2, "queued"))), "pump-rul", null));
        assertFalse(retrain.isEnabled(), "not while a version trains");
    }

    @Test
    void theNewModelFormKeepsTheServicesReasonThenCreates() {
        signedInAs(Role.ADMIN);
        FakeModels models = new FakeModels();
        MaintenanceView view = view(models);
        _click(_get(view, Button.class, s -> s.withId("maintenance-new")));
        _setValue(_get(TextField.class, s -> s.withId("maintenance-name")), "pump-rul");
        _setValue(_get(TextField.class, s -> s.withId("maintenance-devices")), "set:pump-history");
        _setValue(_get(TextField.class, s -> s.withId("maintenance-metrics")), "vibration, temperature");
        _setValue(_get(TextField.class, s -> s.withId("maintenance-cap")), "30 days");
        _click(_get(Button.class, s -> s.withId("maintenance-save")));
        Span error = _get(Span.class, s -> s.withId("maintenance-form-error"));
        assertEquals("Cap must be an ISO-8601 duration such as PT125M or P30D, not '30 days'", error.getText());

        _setValue(_get(TextField.class, s -> s.withId("maintenance-cap")), "P30D");
        _click(_get(Button.class, s -> s.withId("maintenance-save")));
        assertEquals("A maintenance model named 'pump-rul' exists already", error.getText());
        assertTrue(models.done.isEmpty());

        _setValue(_get(TextField.class, s -> s.withId("maintenance-name")), "pump-rul-2");
        _click(_get(Button.class, s -> s.withId("maintenance-save")));
        assertEquals(List.of("define pump-rul-2 [vibration, temperature] by ada"), models.done);
        _assertNone(TextField.class, s -> s.withId("maintenance-name")); // the form closed
    }
}
