package io.scaffold.requests.service;

/** Who is asking, as the verified token says: the user id and whether they are on the L&D desk. */
public record Caller(String id, boolean ldDesk) {
}
