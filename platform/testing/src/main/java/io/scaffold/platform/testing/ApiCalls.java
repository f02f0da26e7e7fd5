package io.scaffold.platform.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** REST Assured calls as a signed-in user, and names no other test uses. */
public final class ApiCalls {
    private ApiCalls() {
    }

    /** A JSON request with a valid bearer token for {@code user} and these roles. */
    public static RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", TestTokens.bearer(user, roles)).contentType(ContentType.JSON);
    }

    /** As {@link #as}, with the token also carrying these identity claims ({@code name}, {@code email}, ...). */
    public static RequestSpecification asPerson(String user, java.util.Map<String, Object> claims, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(user, claims, roles))
                .contentType(ContentType.JSON);
    }

    /** {@code prefix-xxxxxxxx}: unique per call, so tests sharing a database never collide. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
