-- People as their identity tokens describe them (name, e-mail address, time zone, language): recorded when they call
-- this service, and, in notifications-service, from the other services' scaffold.person.updated.v1 events. A token
-- that lacks a claim leaves what is known of it (tokens of different clients carry different claims).
CREATE TABLE known_person (
    user_id     text PRIMARY KEY,
    name        text,
    email       text,
    zoneinfo    text,
    locale      text,
    observed_at timestamptz NOT NULL
);
