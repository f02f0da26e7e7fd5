package io.scaffold.communities.domain;

/** Kinds of shared resources; CONTACT points to a member, the others to a URL (GUIDE may come from a help request). */
public enum ResourceType {
    LINK, DOCUMENT, CONTACT, COURSE, GUIDE
}
