package org.iotplatform.web.api;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Converts {@code int}, {@code Integer}, {@code long} and {@code Long} parameters, checking the
 * {@link Range} they carry. JAX-RS answers a query or path parameter that does not convert with 404
 * (so {@code pageSize=abc} looked like a missing resource) and knows no ranges; this answers
 * {@code 400 invalid-parameter} naming the parameter and the values it may take. Jersey asks
 * application converters before its own, primitives included, and passes a WebApplicationException
 * from one through as it is.
 */
@Provider
public class WholeNumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        boolean isInt = rawType == int.class || rawType == Integer.class;
        if (!isInt && rawType != long.class && rawType != Long.class) {
            return null;
        }
        if (annotations == null) {
            annotations = new Annotation[0];
        }
        Range range = annotation(annotations, Range.class);
        long min = range != null ? range.min() : isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = range != null ? range.max() : isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
        String refusal =
                name(annotations) + " must be a whole number" + (range != null ? " from " + min + " to " + max : "");
        return (ParamConverter<T>) new ParamConverter<Object>() {
            @Override
            public Object fromString(String text) {
                if (text == null) {
                    throw new IllegalArgumentException("no value"); // as ParamConverter requires
                }
                long value;
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(refusal);
                }
                if (value < min || value > max) {
                    throw new InvalidParameterException(refusal);
                }
                if (isInt) {
                    return (int) value; // not "isInt ? int : long": that would make every value a Long
                }
                return value;
            }

            @Override
            public String toString(Object value) {
                return String.valueOf(value);
            }
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof MatrixParam m) {
                return m.value();
            }
            if (a instanceof CookieParam c) {
                return c.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
        }
        return "the parameter";
    }

    private static <A extends Annotation> A annotation(Annotation[] annotations, Class<A> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
