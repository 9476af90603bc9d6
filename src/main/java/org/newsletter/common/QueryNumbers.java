package org.newsletter.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Numbers in query parameters ({@code ?page=}, {@code ?size=}, {@code ?limit=}): one that is not a number
 * is answered 400 naming the parameter. Without this, JAX-RS must answer a failed query parameter
 * conversion with a bare 404, as if the resource did not exist.
 */
@Provider
public class QueryNumbers implements ParamConverterProvider {

    /** A query parameter that could not be read; answered 400 with the parameter as the field. */
    public static class InvalidQueryParameter extends BadRequestException {
        private final String name;

        InvalidQueryParameter(String name, String message) {
            super(message);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(name, Long::valueOf);
        }
        return null;
    }

    private static <N extends Number> ParamConverter<N> converter(String name, Function<String, N> parse) {
        return new ParamConverter<>() {
            @Override
            public N fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidQueryParameter(name, "'" + name + "' must be a whole number");
                }
            }

            @Override
            public String toString(N value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
