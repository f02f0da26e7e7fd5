package io.scaffold.notifications.domain;

/** A person's setting for one community: muted, or following its new requests or new resources. */
public enum CommunitySetting {
    MUTED, NEW_REQUESTS, NEW_RESOURCES
}
