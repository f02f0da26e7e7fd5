package io.scaffold.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The one entity of the baseline application. */
@Entity
@Table(name = "bench_bare_item")
public class Item extends PanacheEntity {
    public String name;
}
