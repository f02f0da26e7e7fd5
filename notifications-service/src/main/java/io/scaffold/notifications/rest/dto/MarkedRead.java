package io.scaffold.notifications.rest.dto;

public record MarkedRead(int marked) {
}
