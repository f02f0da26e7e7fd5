package io.scaffold.communities.domain;

/** How well a member says they know a skill, weakest first. */
public enum SkillLevel {
    LEARNING, PRACTITIONER, EXPERT
}
