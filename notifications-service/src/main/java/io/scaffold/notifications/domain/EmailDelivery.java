package io.scaffold.notifications.domain;

/** How a kind of notification reaches a person by e-mail: not at all, one mail each, or in the periodic digest. */
public enum EmailDelivery {
    OFF, IMMEDIATE, DIGEST
}
