package io.scaffold.requests.domain;

/** Declared skill levels as communities-service publishes them, with the weight routing gives each. */
public enum SkillLevel {
    LEARNING(1), PRACTITIONER(2), EXPERT(3);

    private final int weight;

    SkillLevel(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
