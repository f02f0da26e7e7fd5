package io.scaffold.communities.domain;

/** Who can see a community: everyone signed in, or its members only. */
public enum Visibility {
    PUBLIC, PRIVATE
}
