package io.scaffold.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem+json answer: field-level errors for invalid input of any shape
 * (constraint violations, malformed JSON, wrong types, unknown enum values), never a stack trace, never a 5xx for bad
 * input.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return answer(FailureAnswer.of(problem, uri.getPath()), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException exception, UriInfo uri) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return respond(ProblemType.VALIDATION, detail, errors, uri);
    }

    // Priority above the Jackson extension's own mapper for MismatchedInputException, which answers plain JSON.
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException exception, UriInfo uri) {
        return unreadableJson(exception, uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unreadableJson(JsonProcessingException exception, UriInfo uri) {
        String duplicate = duplicateKey(exception);
        if (duplicate != null) {
            return respond(ProblemType.VALIDATION, duplicate + ": appears more than once in the object",
                    List.of(new FieldError(duplicate, "appears more than once in the object")), uri);
        }
        if (exception instanceof JsonParseException || isTruncated(exception)) {
            return respond(ProblemType.MALFORMED, "The request body is not valid JSON: " + exception.getOriginalMessage(),
                    List.of(new FieldError("body", "is not valid JSON")), uri);
        }
        if (exception instanceof JsonMappingException mapping) {
            String field = pathOf(mapping);
            String message = messageFor(mapping);
            return respond(ProblemType.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)), uri);
        }
        return respond(ProblemType.MALFORMED, "The request body cannot be read",
                List.of(new FieldError("body", "cannot be read")), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception, UriInfo uri) {
        return unauthorized(uri, "A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception, UriInfo uri) {
        return unauthorized(uri, "The bearer token is missing, invalid or expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "You are not allowed to do this", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uri) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri); // the JSON reader wraps parse errors in a 400
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(exception, "request to %s failed", uri.getPath());
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = status >= 500 ? type.title() : exception.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(ProblemDetail.MEDIA_TYPE)
                .entity(new ProblemDetail(type.uri(), type.title(), status, detail, uri.getPath(), List.of()));
        exception.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception exception, UriInfo uri) {
        return answer(FailureAnswer.of(exception, uri.getPath()), uri);
    }

    private static Response answer(FailureAnswer answer, UriInfo uri) {
        Response response = respond(answer.type(), answer.detail(), answer.errors(), uri);
        if (answer.retryAfter() != null) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        return response;
    }

    private static Response unauthorized(UriInfo uri, String detail) {
        ProblemType type = ProblemType.UNAUTHENTICATED;
        return Response.status(type.status()).type(ProblemDetail.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ProblemDetail(type.uri(), type.title(), type.status(), detail, uri.getPath(), List.of()))
                .build();
    }

    static Response respond(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        return Response.status(type.status()).type(ProblemDetail.MEDIA_TYPE)
                .entity(new ProblemDetail(type.uri(), type.title(), type.status(), detail, uri.getPath(), errors))
                .build();
    }

    /** {@code create.request.tags[2]} becomes {@code tags[2]}; a query parameter keeps its name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        List<String> parts = new ArrayList<>();
        Iterator<Path.Node> it = nodes.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            boolean isLast = !it.hasNext();
            if (node.getKind() == ElementKind.PARAMETER && !isLast) {
                continue; // the request body parameter: its fields are what the client knows
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null && !parts.isEmpty()) {
                    int last = parts.size() - 1;
                    parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
                }
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            }
            if (!name.isEmpty()) {
                parts.add(name);
            }
        }
        String field = String.join(".", parts).replace(".[", "[");
        return field.isEmpty() ? "body" : field;
    }

    /** The JSON path of a repeated object key (strict duplicate detection), or null. */
    static String duplicateKey(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        if (exception.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                return pointerToPath(pointer);
            }
        }
        int end = message.indexOf('\'', 17);
        return end > 17 ? message.substring(17, end) : "body";
    }

    /** {@code /tags/2/name} becomes {@code tags[2].name}. */
    private static String pointerToPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String token : pointer.substring(1).split("/")) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(name);
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static boolean isTruncated(JsonProcessingException exception) {
        return exception.getOriginalMessage() != null && exception.getOriginalMessage().contains("end-of-input");
    }

    static String pathOf(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static String messageFor(JsonMappingException exception) {
        if (exception instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        String original = exception.getOriginalMessage() == null ? "" : exception.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return "must be a single JSON document, with nothing after it";
        }
        if (exception instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            return original; // a string refused for its content, the message says why
        }
        if (exception instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (exception instanceof ValueInstantiationException) {
            return "is not a valid value";
        }
        if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + describe(mismatched.getTargetType());
        }
        return "has the wrong type";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        return "an object";
    }
}
