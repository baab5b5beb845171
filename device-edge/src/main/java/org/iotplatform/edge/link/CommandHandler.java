package org.iotplatform.edge.link;

/** What a device does with a command; answers with a status (HTTP-like: 200, 400, 404, 500) and a JSON payload. */
@FunctionalInterface
public interface CommandHandler {

    Result handle(Command command);

    record Result(int status, Object payload) {
        public static Result ok(Object payload) {
            return new Result(200, payload);
        }

        public static Result error(int status, String message) {
            return new Result(status, java.util.Map.of("error", message));
        }
    }
}
