package io.scaffold.notifications.domain;

/** How the rules name a person: by the name their token gave, else by their id. */
public interface People {

    String nameOf(String userId);

    /** Names nobody: ids as they are (tests of the rule table, and people never seen). */
    People IDS = userId -> userId;
}
