package io.scaffold.platform.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

@Entity
public class Widget {
    @Id
    public UUID id;
    public String name;
}
